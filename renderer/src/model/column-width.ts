// The waterfall's span-name column: its width when the user has dragged or stepped it, kept where both
// the names and the time track stay usable, and read back from storage defensively. Pure, so the
// clamping and the keys are table-tested; the drag itself is in components/column-resizer.tsx.

/** Narrowest name column, and the least room the time track keeps beside it. */
export const NAME_MIN_PX = 160;
export const TRACK_MIN_PX = 160;
/** Arrow keys move the edge by STEP, with Shift by BIG_STEP. */
const STEP = 16;
const BIG_STEP = 64;

/** The widest the name column may be in a waterfall `containerPx` wide. */
export function maxNameWidth(containerPx: number): number {
  return Math.max(NAME_MIN_PX, Math.floor(containerPx - TRACK_MIN_PX));
}

export function clampNameWidth(px: number, containerPx: number): number {
  return Math.round(Math.min(maxNameWidth(containerPx), Math.max(NAME_MIN_PX, px)));
}

/**
 * The width a key gives the column: ←/→ step it, Home and End go to the narrowest and widest, Enter or
 * Backspace go back to the default (null). `undefined` for a key that does not resize.
 */
export function widthForKey(
  key: string,
  shift: boolean,
  currentPx: number,
  containerPx: number,
): number | null | undefined {
  const step = shift ? BIG_STEP : STEP;
  switch (key) {
    case 'ArrowLeft':
      return clampNameWidth(currentPx - step, containerPx);
    case 'ArrowRight':
      return clampNameWidth(currentPx + step, containerPx);
    case 'Home':
      return NAME_MIN_PX;
    case 'End':
      return maxNameWidth(containerPx);
    case 'Enter':
    case 'Backspace':
      return null;
    default:
      return undefined;
  }
}

/** A stored width, or null for anything that is not a sane pixel count (the default width then). */
export function parseStoredWidth(raw: string | null): number | null {
  if (raw === null || !/^\d{1,5}$/.test(raw)) return null;
  const px = Number(raw);
  return px >= NAME_MIN_PX ? px : null;
}

/**
 * CSS variables for a chosen width (none for the default, which app.css sets): the grid track of the
 * name column and the same width as a length for the grid lines. CSS keeps the chosen width clear of the
 * track's minimum when the window is narrower than when it was chosen.
 */
export function nameColumnVars(px: number | null): Record<string, string> {
  if (px === null) return {};
  const width = `clamp(${NAME_MIN_PX}px, ${px}px, calc(100% - ${TRACK_MIN_PX}px))`;
  return { '--wf-name-track': width, '--wf-name-width': width };
}
