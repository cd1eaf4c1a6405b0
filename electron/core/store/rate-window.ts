// Spans accepted per second over the last minute: 60 one-second buckets in a ring, so recording is O(1).

const BUCKETS = 60;

export class RateWindow {
  private readonly counts = new Float64Array(BUCKETS);
  /** The second (epoch seconds) each bucket currently holds, so stale buckets read as zero. */
  private readonly seconds = new Float64Array(BUCKETS).fill(-1);

  record(nowMs: number, n: number): void {
    const sec = Math.floor(nowMs / 1000);
    const i = sec % BUCKETS;
    if (this.seconds[i] !== sec) {
      this.seconds[i] = sec;
      this.counts[i] = 0;
    }
    this.counts[i]! += n;
  }

  /** Oldest first; the last element is the current (partial) second. */
  series(nowMs: number): number[] {
    const now = Math.floor(nowMs / 1000);
    const out = new Array<number>(BUCKETS);
    for (let k = 0; k < BUCKETS; k++) {
      const sec = now - (BUCKETS - 1) + k;
      const i = ((sec % BUCKETS) + BUCKETS) % BUCKETS;
      out[k] = this.seconds[i] === sec ? this.counts[i]! : 0;
    }
    return out;
  }

  reset(): void {
    this.counts.fill(0);
    this.seconds.fill(-1);
  }
}
