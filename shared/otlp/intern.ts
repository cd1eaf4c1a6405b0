// Bounded, direct-mapped caches keyed on raw protobuf bytes. They make repeated text (attribute keys,
// span names, "GET", "postgresql") one shared string instead of one copy per span, and let a repeated
// scalar attribute (same key and value bytes) reuse one KeyValue object without decoding it again.
// Memory is fixed: SLOTS entries of at most MAX_LEN bytes each; a colliding entry simply replaces the old.

export class ByteKeyedCache<T> {
  private readonly arena: Uint8Array;
  private readonly arenaView: DataView;
  private readonly lens: Int32Array;
  private readonly values: (T | undefined)[];
  private readonly mask: number;

  constructor(
    slots: number,
    readonly maxLen: number,
  ) {
    this.arena = new Uint8Array(slots * maxLen);
    this.arenaView = new DataView(this.arena.buffer);
    this.lens = new Int32Array(slots).fill(-1);
    this.values = new Array<T | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** A cheap hash of length and a few sampled bytes; the full comparison in get() makes it exact. */
  slot(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let h = Math.imul(len, 0x9e3779b1);
    if (len > 0) {
      h = Math.imul(h ^ buf[start]!, 0x01000193);
      h = Math.imul(h ^ buf[end - 1]!, 0x01000193);
      h = Math.imul(h ^ buf[start + (len >>> 1)]!, 0x01000193);
      h = Math.imul(h ^ buf[start + (len >>> 2)]!, 0x01000193);
      h = Math.imul(h ^ buf[end - 1 - (len >>> 2)]!, 0x01000193);
      if (len > 6) {
        h = Math.imul(h ^ buf[end - 2]!, 0x01000193);
        h = Math.imul(h ^ buf[end - 3]!, 0x01000193);
        h = Math.imul(h ^ buf[start + 1]!, 0x01000193);
      }
    }
    return (h ^ (h >>> 15)) & this.mask;
  }

  /** `view` must cover the same bytes as `buf` from offset 0 (WireReader.view does). */
  get(slot: number, buf: Uint8Array, view: DataView, start: number, end: number): T | undefined {
    const len = end - start;
    if (this.lens[slot] !== len) return undefined;
    const arena = this.arena;
    const av = this.arenaView;
    const base = slot * this.maxLen;
    // Four bytes at a time (this compare runs for every cache hit, so it is hot); the tail byte by byte.
    let i = 0;
    for (; i + 4 <= len; i += 4) if (av.getUint32(base + i) !== view.getUint32(start + i)) return undefined;
    for (; i < len; i++) if (arena[base + i] !== buf[start + i]) return undefined;
    return this.values[slot];
  }

  set(slot: number, buf: Uint8Array, start: number, end: number, value: T): void {
    const len = end - start;
    const arena = this.arena;
    const base = slot * this.maxLen;
    for (let i = 0; i < len; i++) arena[base + i] = buf[start + i]!;
    this.lens[slot] = len;
    this.values[slot] = value;
  }
}
