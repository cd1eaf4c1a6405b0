// The grouped view: traces by root service + root span name with count, error rate and p50/p95, computed
// by the core over every trace held (GET /groups); opening a group filters the trace list to it.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, GroupsSlice, StoreDeps } from './types.js';
import { filterToQuery } from '../model/trace-filter.js';
import { describeError, isAbort } from './errors.js';

/** While the grouped view shows, live changes refresh it at most this often. */
const GROUPS_REFRESH_MS = 2000;

export const createGroupsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], GroupsSlice> =>
  (set, get) => {
    const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    let epoch = 0;
    let timer: unknown = null;
    return {
      groups: null,
      groupsLoading: false,

      reloadGroups: async () => {
        const my = ++epoch;
        set({ groupsLoading: true });
        try {
          // The opened group is not a filter of the groups themselves: the view lists every group.
          const groups = await deps.api.listGroups({ ...filterToQuery(get().filter), limit: 1000 });
          if (my !== epoch) return;
          set({ groups, groupsLoading: false });
        } catch (e) {
          if (my !== epoch) return;
          set({ groupsLoading: false });
          if (!isAbort(e)) get().setApiError(describeError(e));
        }
      },

      groupsChanged: () => {
        if (get().view !== 'groups' || get().paused || timer !== null) return;
        timer = setTimer(() => {
          timer = null;
          if (get().view === 'groups') void get().reloadGroups();
        }, GROUPS_REFRESH_MS);
      },

      openGroup: (group) => {
        set({ view: 'traces' });
        get().setFilter({ group });
      },
    };
  };
