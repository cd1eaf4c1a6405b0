// Display formatting for durations, times and counts: one place so every table and pane agrees.
import { SPAN_KIND_NAMES } from '../../../shared/model/span.js';

/** A duration in ms as a short human string: 850µs, 12.3ms, 1.24s, 2m 05s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms === 0) return '0ms';
  if (ms < 1) return `${Math.max(1, Math.round(ms * 1000))}µs`;
  if (ms < 10) return `${trim(ms.toFixed(2))}ms`;
  if (ms < 1000) return `${trim(ms.toFixed(ms < 100 ? 1 : 0))}ms`;
  if (ms < 60_000) return `${trim((ms / 1000).toFixed(2))}s`;
  const totalS = Math.round(ms / 1000);
  const m = Math.floor(totalS / 60);
  const s = totalS % 60;
  if (m < 60) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** The noun for a count: plural(1, 'span') is 'span', plural(3, 'span') 'spans' (regular plurals only). */
export function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Local wall-clock time with milliseconds (HH:MM:SS.mmm), the resolution developers compare logs by. */
export function formatClock(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** 1234567 → "1.23M", 12345 → "12.3k"; small numbers stay exact. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a < 10_000) return String(Math.round(n));
  if (a < 1_000_000) return `${trim((n / 1000).toFixed(a < 100_000 ? 1 : 0))}k`;
  return `${trim((n / 1_000_000).toFixed(2))}M`;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${trim((n / 1024).toFixed(1))} KiB`;
  if (n < 1024 ** 3) return `${trim((n / 1024 ** 2).toFixed(1))} MiB`;
  return `${trim((n / 1024 ** 3).toFixed(2))} GiB`;
}

/** SPAN_KIND_SERVER → "server". */
export function spanKindLabel(kind: number): string {
  const name = SPAN_KIND_NAMES[kind];
  return name ? name.replace('SPAN_KIND_', '').toLowerCase() : `kind ${kind}`;
}

export function shortId(id: string, len = 8): string {
  return id.length > len ? id.slice(0, len) : id;
}
