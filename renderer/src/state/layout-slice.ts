// Layout the user sets by hand (the waterfall's span-name column width), remembered in the page's
// localStorage so it survives reloads and restarts (the UI keeps its address across restarts: the port
// and the token persist). Storage is injected so tests run without a DOM.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, LayoutSlice, StoreDeps, WebStorage } from './types.js';
import { parseStoredWidth } from '../model/column-width.js';

const NAME_WIDTH_KEY = 'inspector.waterfall.nameWidth';

function pageStorage(): WebStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage denied (a locked-down browser profile): widths then hold for this page only.
    return null;
  }
}

export const createLayoutSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LayoutSlice> =>
  (set) => {
    const storage = deps.storage === undefined ? pageStorage() : deps.storage;
    const read = (): number | null => {
      try {
        return parseStoredWidth(storage?.getItem(NAME_WIDTH_KEY) ?? null);
      } catch {
        return null;
      }
    };
    return {
      nameColumnPx: read(),
      setNameColumnPx: (px) => {
        const value = px === null ? null : Math.round(px);
        set({ nameColumnPx: value });
        try {
          if (value === null) storage?.removeItem(NAME_WIDTH_KEY);
          else storage?.setItem(NAME_WIDTH_KEY, String(value));
        } catch {
          // Storage full or denied: the width still holds for this page.
        }
      },
    };
  };
