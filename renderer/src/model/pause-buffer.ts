// Pause freezes the list while the stream keeps arriving: deltas collect here, merged per trace, and the
// waiting count tells the user what resume will bring.
import type { TraceSummary } from '../../../shared/api/contract.js';
import type { DeltaInput } from './trace-window.js';

export interface PauseBuffer {
  upserted: Map<string, TraceSummary>;
  removed: Set<string>;
  /** Traces not in the frozen view (new since the pause): the "N waiting" figure. */
  fresh: Set<string>;
  /** The store was cleared while paused: resume starts from an empty list. */
  cleared: boolean;
}

export function emptyPauseBuffer(): PauseBuffer {
  return { upserted: new Map(), removed: new Set(), fresh: new Set(), cleared: false };
}

/**
 * Fold one delta into the buffer. `inView` says whether a trace is in the frozen list; `relevant` whether
 * it could appear under the current filter (traces it rules out are kept but not counted as waiting).
 */
export function bufferDelta(
  buf: PauseBuffer,
  delta: DeltaInput,
  inView: (traceId: string) => boolean,
  relevant: (s: TraceSummary) => boolean = () => true,
): PauseBuffer {
  const next: PauseBuffer = {
    upserted: new Map(buf.upserted),
    removed: new Set(buf.removed),
    fresh: new Set(buf.fresh),
    cleared: buf.cleared,
  };
  for (const s of delta.upserted) {
    next.removed.delete(s.traceId);
    next.upserted.set(s.traceId, s);
    if ((next.cleared || !inView(s.traceId)) && relevant(s)) next.fresh.add(s.traceId);
  }
  for (const id of delta.removed) {
    next.upserted.delete(id);
    next.fresh.delete(id);
    next.removed.add(id);
  }
  return next;
}

export function bufferCleared(): PauseBuffer {
  return { ...emptyPauseBuffer(), cleared: true };
}

/** Traces waiting to appear on resume. */
export function waitingCount(buf: PauseBuffer): number {
  return buf.fresh.size;
}

/** The buffer as one delta to apply on resume. */
export function bufferToDelta(buf: PauseBuffer): DeltaInput {
  return { upserted: [...buf.upserted.values()], removed: [...buf.removed] };
}
