// The outbox log on disk: what is added survives a reopen (in order, bodies intact), finished items never
// come back, the cap drops the oldest first, a record cut short by a crash is skipped, and the files stay
// near the cap however items finish (segments are deleted or compacted).
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Outbox,
  OutboxFullError,
  type OutboxOptions,
} from '../../../../../electron/core/forwarding/delivery/outbox.js';
import type { NewDelivery } from '../../../../../electron/core/forwarding/delivery/types.js';

let dir: string;
const open: Outbox[] = [];
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
});
afterEach(() => {
  for (const b of open.splice(0)) b.close();
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

function openBox(opts: Partial<OutboxOptions> = {}): Outbox {
  const box = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 1 << 20, ...opts });
  open.push(box);
  return box;
}
function reopen(box: Outbox, opts: Partial<OutboxOptions> = {}): Outbox {
  box.close();
  open.splice(open.indexOf(box), 1);
  return openBox(opts);
}

const item = (n: number, body: string | Uint8Array = `envelope ${n}\n{"x":1}`): NewDelivery => ({
  targetId: n % 2 ? 'a' : 'b',
  traceIds: [`trace${n}`],
  eventIds: [`event${n}`],
  category: 'transaction',
  contentType: 'application/x-sentry-envelope',
  body,
});
const always = () => true;
const logs = () => readdirSync(dir).filter((f) => f.endsWith('.log'));

describe('Outbox', () => {
  it('reloads what it holds after a reopen, oldest first, bodies byte for byte; finished items stay finished', () => {
    const box = openBox();
    const bin = new Uint8Array([0, 10, 255, 10, 1]);
    const ids = [1, 2, 3].map((n) => box.add(item(n, n === 2 ? bin : undefined), n * 100, always).item.id);
    expect(box.remove(ids[0]!)).toBe(true);
    expect(box.remove(ids[0]!)).toBe(false);

    const again = reopen(box, { memoryBytes: 0 });
    const loaded = [...again.items()];
    expect(loaded.map((i) => i.id)).toEqual(ids.slice(1));
    expect(loaded[0]).toMatchObject({
      targetId: 'b',
      traceIds: ['trace2'],
      eventIds: ['event2'],
      enqueuedAt: 200,
      binary: true,
      quantity: 1,
    });
    expect([...again.body(loaded[0]!)]).toEqual([...bin]);
    expect(Buffer.from(again.body(loaded[1]!)).toString()).toBe('envelope 3\n{"x":1}');
    expect(Outbox.inspect(dir).items).toBe(2);
    // New items come after the reloaded ones.
    const later = again.add(item(4), 400, always).item;
    expect(later.seq).toBeGreaterThan(loaded[1]!.seq);
    again.remove(ids[1]!);
    const third = reopen(again);
    expect([...third.items()].map((i) => i.id)).toEqual([ids[2], later.id]);
  });

  it('drops the oldest droppable items to stay within the cap', () => {
    const probe = openBox();
    const size = probe.add(item(0), 0, always).item.bytes;
    rmSync(dir, { recursive: true, force: true });
    const box = reopen(probe, { maxBytes: size * 3 });
    const a = box.add(item(1), 1, always).item;
    const b = box.add(item(3), 2, always).item;
    box.add(item(5), 3, always);
    // `a` may not be dropped (in flight): `b` goes instead.
    const { dropped } = box.add(item(7), 4, (i) => i.id !== a.id);
    expect(dropped.map((d) => d.id)).toEqual([b.id]);
    expect(box.totalBytes).toBeLessThanOrEqual(size * 3);
    expect(reopen(box).size).toBe(3);
  });

  it('refuses an item larger than the whole outbox, and adding when nothing can be dropped', () => {
    const box = openBox({ maxBytes: 400 });
    expect(() => box.add(item(1, 'x'.repeat(500)), 0, always)).toThrow(OutboxFullError);
    box.add(item(1, 'x'.repeat(50)), 0, always);
    expect(() => box.add(item(2, 'x'.repeat(50)), 0, () => false)).toThrow(/being sent/);
    expect(box.size).toBe(1);
    // Dropping the one droppable item would not make room: refused, and nothing was dropped for it.
    const roomy = reopen(box, { maxBytes: 600 });
    const first = roomy.add(item(3, 'x'.repeat(50)), 0, always).item;
    expect(roomy.size).toBe(2);
    expect(() => roomy.add(item(4, 'x'.repeat(200)), 0, (i) => i.id === first.id)).toThrow(OutboxFullError);
    expect(roomy.size).toBe(2);
  });

  it('skips a record cut short by a crash, keeping everything before it', () => {
    const box = openBox();
    const kept = box.add(item(1), 0, always).item.id;
    const log = join(dir, logs()[0]!);
    box.close();
    open.splice(0);
    appendFileSync(log, '{"id":"half-written","targetId":"a","len":100}\nonly a few bytes');
    const again = openBox();
    expect([...again.items()].map((i) => i.id)).toEqual([kept]);
    expect(again.corrupt).toEqual([expect.stringMatching(/cut short/)]);
  });

  it('deletes a segment once all its items are finished, and compacts segments pinned by a few old items', () => {
    const body = 'y'.repeat(1000);
    const cap = 40_000;
    const box = openBox({ maxBytes: cap, segmentBytes: 8_000 });
    const pinned: string[] = [];
    for (let round = 0; round < 60; round++) {
      // One item stays pending per round, nine are acknowledged at once: without compaction every segment
      // would be kept alive by its one pending item.
      pinned.push(box.add(item(round * 10, body), round, always).item.id);
      for (let i = 1; i < 10; i++) box.remove(box.add(item(round * 10 + i, body), round, always).item.id);
      // Pending bytes stay within the cap; the files (pending + not yet reclaimed) within twice the cap.
      expect(box.totalBytes).toBeLessThanOrEqual(cap);
      expect(box.fileBytes).toBeLessThanOrEqual(2 * cap + 8_000);
    }
    // The cap kept the newest pinned items.
    const kept = pinned.slice(pinned.length - box.size);
    const again = reopen(box);
    expect([...again.items()].map((i) => i.id)).toEqual(kept);
    for (const id of kept) again.remove(id);
    expect(reopen(again).size).toBe(0);
    // Nothing is left on disk.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps bodies in memory only up to its budget, reading the rest back from disk', () => {
    const box = openBox({ memoryBytes: 40 });
    const a = box.add(item(1, 'a'.repeat(30)), 0, always).item;
    const b = box.add(item(2, 'b'.repeat(30)), 0, always).item;
    expect(a.body).toBeDefined();
    expect(b.body).toBeUndefined();
    expect(Buffer.from(box.body(b)).toString()).toBe('b'.repeat(30));
  });

  it('in memory only (the benchmark baseline) it writes nothing', () => {
    const box = openBox({ persist: false });
    box.add(item(1), 0, always);
    expect(box.size).toBe(1);
    expect(() => readdirSync(dir)).toThrow();
  });
});
