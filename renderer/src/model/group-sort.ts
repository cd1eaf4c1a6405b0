// Client-side order of the grouped view (and the stable sort the trace list shares): groups are few (the API returns at most 1 000), so re-sorting
// them in the browser is instant and needs no request.
import type { TraceGroup } from '../../../shared/api/contract.js';

export interface GroupSort {
  column: 'service' | 'name' | 'count' | 'errorRate' | 'p50Ms' | 'p95Ms';
  desc: boolean;
}

export function sortGroups(groups: readonly TraceGroup[], sort: GroupSort): TraceGroup[] {
  const key = (g: TraceGroup): number | string => {
    switch (sort.column) {
      case 'service':
        return g.rootService.toLowerCase();
      case 'name':
        return g.rootName.toLowerCase();
      default:
        return g[sort.column];
    }
  };
  // Ties keep the server's order (busiest first).
  return stableSortBy(groups, key, sort.desc);
}

/** Decorate-sort-undecorate: keys computed once per item, ties kept in input order. */
export function stableSortBy<T>(items: readonly T[], key: (item: T) => number | string, desc: boolean): T[] {
  const dir = desc ? -1 : 1;
  return items
    .map((t, i) => ({ t, k: key(t), i }))
    .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i))
    .map((x) => x.t);
}
