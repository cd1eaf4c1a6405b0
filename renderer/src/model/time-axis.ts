// The waterfall's shared time axis: where a span's bar sits and where the tick labels go.

interface Tick {
  /** Offset from the trace start, ms. */
  ms: number;
  /** Position on the axis, 0..1. */
  at: number;
}

/** A "nice" step (1, 2 or 5 × 10^n) so that span / step gives at most maxTicks intervals. */
export function niceStep(spanMs: number, maxTicks: number): number {
  if (!(spanMs > 0) || maxTicks < 1) return 1;
  const raw = spanMs / maxTicks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Ticks from 0 to the trace duration, inclusive of 0, each at a multiple of a nice step. */
export function axisTicks(durationMs: number, maxTicks = 6): Tick[] {
  if (!(durationMs > 0)) return [{ ms: 0, at: 0 }];
  const step = niceStep(durationMs, maxTicks);
  const ticks: Tick[] = [];
  // Round each multiple so that 0.1 + 0.2-style drift does not print 0.30000000000000004ms.
  for (let i = 0; i * step <= durationMs * (1 + 1e-9); i++) {
    const ms = Number((i * step).toPrecision(12));
    ticks.push({ ms, at: ms / durationMs });
  }
  return ticks;
}

export interface Bar {
  /** Left edge as a fraction of the axis, 0..1. */
  left: number;
  /** Width as a fraction of the axis; never 0 so that instantaneous spans stay visible (the UI adds a min px). */
  width: number;
}

/**
 * A span's bar on an axis running from traceStartMs for traceDurationMs. Spans that start before or end
 * after the axis (clock skew between services) are clamped to it rather than drawn off-screen.
 */
export function barFor(startMs: number, endMs: number, traceStartMs: number, traceDurationMs: number): Bar {
  if (!(traceDurationMs > 0)) return { left: 0, width: 1 };
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const left = clamp((startMs - traceStartMs) / traceDurationMs);
  const right = clamp((Math.max(endMs, startMs) - traceStartMs) / traceDurationMs);
  return { left, width: Math.max(right - left, 0) };
}

/** Room one tick label needs ("150ms", "1.25s" and a gap). */
const TICK_SPACING_PX = 72;

/** How many ticks a track `px` wide can label without them running together: 2 to 6. */
export function ticksForWidth(px: number): number {
  return Math.min(6, Math.max(2, Math.floor(px / TICK_SPACING_PX)));
}
