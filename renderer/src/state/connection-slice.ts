import type { StateCreator } from 'zustand/vanilla';
import type { AppState, ConnectionSlice } from './types.js';

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  retryInMs: null,
  apiError: null,
  setConnection: (connection, retryInMs) => set({ connection, retryInMs: retryInMs ?? null }),
  setApiError: (apiError) => set({ apiError }),
});
