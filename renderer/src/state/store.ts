// The app store: the slices combined into one zustand store, created per API client (tests make their own).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppState, StoreDeps } from './types.js';
import { createConnectionSlice } from './connection-slice.js';
import { createStatsSlice } from './stats-slice.js';
import { createTracesSlice } from './traces-slice.js';
import { createSpansSlice } from './spans-slice.js';
import { createTraceViewSlice } from './trace-view-slice.js';
import { createLayoutSlice } from './layout-slice.js';
import { createStreamSlice } from './stream-slice.js';
import { createSentrySlice } from './sentry-slice.js';
import { createForwardingSlice } from './forwarding-slice.js';
import { createGroupsSlice } from './groups-slice.js';
import { createOutcomesSlice } from './outcomes-slice.js';

export type AppStore = StoreApi<AppState>;

export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createStatsSlice(deps)(...a),
    ...createTracesSlice(deps)(...a),
    ...createSpansSlice(deps)(...a),
    ...createTraceViewSlice(deps)(...a),
    ...createLayoutSlice(deps)(...a),
    ...createSentrySlice(deps)(...a),
    ...createForwardingSlice(deps)(...a),
    ...createGroupsSlice(deps)(...a),
    ...createOutcomesSlice(deps)(...a),
    ...createStreamSlice(deps)(...a),
  }));
}

let appStore: AppStore | null = null;

/** The running app's store (set once in main.tsx). */
export function installStore(store: AppStore): void {
  appStore = store;
}

function getAppStore(): AppStore {
  if (!appStore) throw new Error('The app store is not installed yet');
  return appStore;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getAppStore(), selector);
}
