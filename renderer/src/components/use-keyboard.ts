// Global keys: `/` filter, j/k or arrows to move, Home/End to the first/last row, Enter to open, Esc back (in the filter: leave it keeping
// the text; again: clear the text filter), e / E next / previous error, ←/→ collapse / expand in the
// waterfall and the Sentry tab's tree, p pause / resume, s Waterfall / Sentry tab of the open trace.
// keyboard-help.tsx lists them (?).
import { useEffect } from 'react';
import type { AppStore } from '../state/store.js';
import { displayedTraces } from '../state/traces-slice.js';
import { edgeKey, edgeSelection, moveSelection } from '../model/selection.js';
import { visibleRows } from '../model/waterfall.js';
import { visibleTreeRows } from '../model/sentry-trace-tree.js';

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

export function useKeyboard(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
      if (isTyping(e.target)) {
        if (e.key === 'Escape' || (e.key === 'Enter' && e.target instanceof HTMLInputElement)) {
          // Esc leaves the field and keeps its text (a search field would clear itself by default);
          // a second Esc, outside the field, clears the text filter (below).
          if (e.key === 'Escape') e.preventDefault();
          (e.target as HTMLElement).blur();
        }
        return;
      }
      const down = e.key === 'j' || e.key === 'ArrowDown';
      const up = e.key === 'k' || e.key === 'ArrowUp';
      const edge = edgeKey(e.key);
      if (e.key === '/') {
        const input = document.getElementById('filter-text');
        if (input) {
          e.preventDefault();
          if (s.openTraceId) s.closeTrace();
          requestAnimationFrame(() => document.getElementById('filter-text')?.focus());
        }
        return;
      }
      if (s.openTraceId) {
        const w = s.waterfall;
        if (e.key === 'Escape') return void s.closeTrace();
        if (e.key === 's') {
          e.preventDefault();
          return void s.setTraceTab(s.traceTab === 'sentry' ? 'waterfall' : 'sentry');
        }
        if (s.traceTab === 'sentry') {
          // The Sentry tab: the same keys on its trace tree (state/sentry-slice.ts): j/k its visible rows,
          // e/E its error events, ←/→/Enter fold the selected row.
          const sentryKey: Record<string, () => void> = {
            e: () => s.jumpToSentryError(1),
            E: () => s.jumpToSentryError(-1),
            ArrowLeft: () => s.foldSentrySelection('collapse'),
            h: () => s.foldSentrySelection('collapse'),
            ArrowRight: () => s.foldSentrySelection('expand'),
            l: () => s.foldSentrySelection('expand'),
            Enter: () => s.foldSentrySelection('toggle'),
          };
          const tree = s.sentryTree;
          if (edge && tree) {
            const visible = visibleTreeRows(tree, s.sentryCollapsed);
            const at = edgeSelection(edge, visible.length);
            e.preventDefault();
            if (at >= 0) s.selectSentryItem(tree.rows[visible[at]!]!.pointer);
            return;
          }
          const act = down || up ? () => s.moveSentrySelection(down ? 1 : -1) : sentryKey[e.key];
          if (act) {
            e.preventDefault();
            act();
          }
          return;
        }
        if (!w) return;
        if (e.key === 'e' || e.key === 'E') {
          e.preventDefault();
          return void s.jumpToError(e.shiftKey ? -1 : 1);
        }
        const rows = visibleRows(w, s.collapsed);
        const pos = rows.findIndex((i) => w.nodes[i]!.span.spanId === s.selectedSpanId);
        const node = pos >= 0 ? w.nodes[rows[pos]!]! : undefined;
        if (down || up || edge) {
          e.preventDefault();
          const next = edge
            ? edgeSelection(edge, rows.length)
            : moveSelection(pos, down ? 1 : -1, rows.length);
          if (next >= 0) s.selectSpan(w.nodes[rows[next]!]!.span.spanId);
        } else if (node && (e.key === 'ArrowLeft' || e.key === 'h')) {
          e.preventDefault();
          if (node.children.length && !s.collapsed.has(node.span.spanId)) s.toggleCollapsed(node.span.spanId);
          else if (node.parent >= 0) s.selectSpan(w.nodes[node.parent]!.span.spanId);
        } else if (node && (e.key === 'ArrowRight' || e.key === 'l')) {
          e.preventDefault();
          if (s.collapsed.has(node.span.spanId)) s.toggleCollapsed(node.span.spanId);
        } else if (node && e.key === 'Enter' && node.children.length) {
          e.preventDefault();
          s.toggleCollapsed(node.span.spanId);
        }
        return;
      }
      if (e.key === 'Escape' && s.filter.q) return void s.setFilter({ q: '' });
      if (e.key === 'p') return void (s.paused ? s.resume() : s.pause());
      if (s.view === 'traces') {
        const n = displayedTraces(s).length;
        if (down || up || edge) {
          e.preventDefault();
          s.setCursor(edge ? edgeSelection(edge, n) : moveSelection(s.cursor, down ? 1 : -1, n));
        } else if (e.key === 'Enter') {
          const t = displayedTraces(s)[s.cursor];
          if (t) void s.openTrace(t.traceId);
        }
      } else {
        if (down || up || edge) {
          e.preventDefault();
          const n = s.spanRows.length;
          s.setSpanListCursor(
            edge ? edgeSelection(edge, n) : moveSelection(s.spanListCursor, down ? 1 : -1, n),
          );
        } else if (e.key === 'Enter') {
          // The span table may be sorted locally: open the row the user sees highlighted.
          document.querySelector<HTMLElement>('[aria-label="Spans"] .row-active')?.click();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
