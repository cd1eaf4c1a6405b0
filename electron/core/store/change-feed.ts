// How the API layer hears about store changes without costing the hot path: the store only adds trace IDs
// to each feed's sets (once per trace per batch) and calls onDirty when a feed goes from clean to dirty.
// The consumer batches: it schedules a flush and calls take() when it wants the accumulated changes.
import type { TraceSummary } from '../../../shared/api/contract.js';

interface StoreChanges {
  /** True when the store was cleared since the last take(); upserted then holds only what came after. */
  cleared: boolean;
  upserted: TraceSummary[];
  removed: string[];
  /** True when take() stopped at its limit: more upserts are waiting for the next take(). */
  more: boolean;
}

export interface ChangeFeed {
  /** The changes so far; at most `maxUpserted` summaries (the rest stay queued, in order). */
  take(maxUpserted?: number): StoreChanges;
  close(): void;
}

/** The store's side of a feed. */
export class FeedState implements ChangeFeed {
  readonly upserted = new Set<string>();
  readonly removed = new Set<string>();
  cleared = false;
  dirty = false;

  constructor(
    private readonly onDirty: () => void,
    private readonly summarise: (traceId: string) => TraceSummary | undefined,
    private readonly detach: (feed: FeedState) => void,
  ) {}

  markUpserted(traceId: string): void {
    this.upserted.add(traceId);
    this.touch();
  }

  markCreated(traceId: string): void {
    // A trace evicted and then re-created within one flush period is simply upserted again.
    this.removed.delete(traceId);
    this.markUpserted(traceId);
  }

  markRemoved(traceId: string): void {
    this.upserted.delete(traceId);
    this.removed.add(traceId);
    this.touch();
  }

  markCleared(): void {
    this.upserted.clear();
    this.removed.clear();
    this.cleared = true;
    this.touch();
  }

  private touch(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.onDirty();
  }

  take(maxUpserted = Infinity): StoreChanges {
    const upserted: TraceSummary[] = [];
    for (const id of this.upserted) {
      if (upserted.length >= maxUpserted) break;
      this.upserted.delete(id);
      const s = this.summarise(id);
      if (s) upserted.push(s);
    }
    const more = this.upserted.size > 0;
    const out: StoreChanges = { cleared: this.cleared, upserted, removed: [...this.removed], more };
    this.removed.clear();
    this.cleared = false;
    // Left dirty when more is queued: the store won't call onDirty again, so the consumer asks anew.
    this.dirty = more;
    return out;
  }

  close(): void {
    this.detach(this);
  }
}
