import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/state/store.js';
import type { WebStorage } from '../../../renderer/src/state/types.js';
import { FakeApi } from './fake-api.js';

class MemoryStorage implements WebStorage {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const KEY = 'inspector.waterfall.nameWidth';

describe('layout slice', () => {
  it('starts at the default width when nothing is stored, or storage is unavailable', () => {
    expect(createAppStore({ api: new FakeApi(), storage: new MemoryStorage() }).getState().nameColumnPx).toBe(
      null,
    );
    expect(createAppStore({ api: new FakeApi(), storage: null }).getState().nameColumnPx).toBe(null);
  });

  it('remembers a chosen width for the next store (a reload) and forgets it on reset', () => {
    const storage = new MemoryStorage();
    const first = createAppStore({ api: new FakeApi(), storage });
    first.getState().setNameColumnPx(412.4);
    expect(first.getState().nameColumnPx).toBe(412);
    expect(storage.items.get(KEY)).toBe('412');
    expect(createAppStore({ api: new FakeApi(), storage }).getState().nameColumnPx).toBe(412);
    first.getState().setNameColumnPx(null);
    expect(storage.items.has(KEY)).toBe(false);
    expect(createAppStore({ api: new FakeApi(), storage }).getState().nameColumnPx).toBe(null);
  });

  it('ignores a stored value that is not a width', () => {
    const storage = new MemoryStorage();
    storage.items.set(KEY, 'wide');
    expect(createAppStore({ api: new FakeApi(), storage }).getState().nameColumnPx).toBe(null);
  });

  it('keeps the width for the page when storage refuses to write', () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const store = createAppStore({ api: new FakeApi(), storage });
    store.getState().setNameColumnPx(300);
    expect(store.getState().nameColumnPx).toBe(300);
  });
});
