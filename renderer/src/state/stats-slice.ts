import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StatsSlice, StoreDeps } from './types.js';
import { describeError } from './errors.js';

export const createStatsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], StatsSlice> =>
  (set, get) => ({
    stats: null,
    receivers: null,
    setStats: (stats) => set({ stats }),
    loadReceivers: async () => {
      try {
        set({ receivers: await deps.api.receivers() });
      } catch (e) {
        get().setApiError(describeError(e));
      }
    },
  });
