// Helpers every stack-trace parser uses. Parsers work line by line and never run a regex on a line longer
// than MAX_LINE, so a parse is linear in the input whatever the text (no catastrophic backtracking).
import type { SentryFrame } from './types.js';

/** Longer lines are not stack frames; they are skipped unread. */
export const MAX_LINE = 4096;

/** A language parser: frames in the order they appear in the text, and whether that is newest first. */
export type LanguageParser = (lines: readonly string[]) => { frames: SentryFrame[]; newestFirst: boolean };

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/**
 * Index of the `(` that matches the `)` ending `s`, or -1. Used to split `name(args)` and `fn (location)`
 * when names and locations contain parentheses themselves (`main.(*T).m(…)`, `eval at f (x.js:1:2)`).
 */
export function openParenOfTrailingGroup(s: string): number {
  if (!s.endsWith(')')) return -1;
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 41 /* ) */) depth++;
    else if (c === 40 /* ( */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** `/x`, `C:\x`, `\\server\x`, or a URL. */
export function isAbsolutePath(p: string): boolean {
  return (
    p.startsWith('/') ||
    /^[A-Za-z]:[\\/]/.test(p) ||
    p.startsWith('\\\\') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(p)
  );
}

/** A 1-based line or column number, or undefined for 0, junk or absurd values. */
export function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || s.length > 9) return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Drops undefined keys so that frames compare and serialise cleanly. */
export function frame(f: SentryFrame): SentryFrame {
  const out: SentryFrame = {};
  for (const k of Object.keys(f) as (keyof SentryFrame)[]) {
    if (f[k] !== undefined && f[k] !== '') (out as Record<string, unknown>)[k] = f[k];
  }
  return out;
}

/**
 * Splits `prefix:12:34` (or `prefix:12` when `count` is 1) from the end, without a regex, so the cost is
 * linear however many colons the text has. Returns null unless the last `count` parts are all digits.
 */
export function splitTrailingNumbers(s: string, count: 1 | 2): { prefix: string; numbers: string[] } | null {
  let end = s.length;
  const numbers: string[] = [];
  for (let k = 0; k < count; k++) {
    const colon = s.lastIndexOf(':', end - 1);
    if (colon < 0) return null;
    const digits = s.slice(colon + 1, end);
    if (!/^\d+$/.test(digits)) return null;
    numbers.unshift(digits);
    end = colon;
  }
  return { prefix: s.slice(0, end), numbers };
}
