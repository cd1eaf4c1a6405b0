// The outbox on disk: what is added survives a reopen (in order, bodies intact), removed items are gone for
// good, the byte cap deletes the oldest first, half-written files of a crash are discarded.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox, OutboxFullError } from '../../../../../electron/core/forwarding/delivery/outbox.js';
import type { NewDelivery } from '../../../../../electron/core/forwarding/delivery/types.js';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const item = (n: number, body: string | Uint8Array = `envelope ${n}\n{"x":1}`): NewDelivery => ({
  targetId: n % 2 ? 'a' : 'b',
  traceIds: [`trace${n}`],
  eventIds: [`event${n}`],
  category: 'transaction',
  contentType: 'application/x-sentry-envelope',
  body,
});
const always = () => true;
const files = () => readdirSync(dir).filter((f) => f.endsWith('.item'));

describe('Outbox', () => {
  it('reloads what it holds after a reopen, oldest first, bodies byte for byte', () => {
    const box = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 1 << 20 });
    const bin = new Uint8Array([0, 10, 255, 10, 1]);
    const ids = [
      box.add(item(1), 100, always).item.id,
      box.add(item(2, bin), 200, always).item.id,
      box.add(item(3), 300, always).item.id,
    ];
    expect(box.remove(ids[0]!)).toBe(true);
    expect(box.remove(ids[0]!)).toBe(false);

    const again = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 0 });
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
    expect(again.totalBytes).toBe(files().reduce((n, f) => n + statSync(join(dir, f)).size, 0));
    // New items continue the order after a reopen.
    const later = again.add(item(4), 400, always).item;
    expect(later.seq).toBeGreaterThan(loaded[1]!.seq);
  });

  it('drops the oldest droppable items to stay within the cap', () => {
    const probe = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 0 });
    const size = probe.add(item(0), 0, always).item.bytes;
    probe.remove([...probe.items()][0]!.id);
    const box = Outbox.open(dir, { maxBytes: size * 3, memoryBytes: 0 });
    const a = box.add(item(1), 1, always).item;
    const b = box.add(item(3), 2, always).item;
    box.add(item(5), 3, always);
    // `a` may not be dropped (in flight): `b` goes instead.
    const { dropped } = box.add(item(7), 4, (i) => i.id !== a.id);
    expect(dropped.map((d) => d.id)).toEqual([b.id]);
    expect(box.totalBytes).toBeLessThanOrEqual(size * 3);
    expect(files()).toHaveLength(3);
  });

  it('refuses an item larger than the whole outbox, and adding when nothing can be dropped', () => {
    const box = Outbox.open(dir, { maxBytes: 400, memoryBytes: 0 });
    expect(() => box.add(item(1, 'x'.repeat(500)), 0, always)).toThrow(OutboxFullError);
    box.add(item(1, 'x'.repeat(50)), 0, always);
    expect(() => box.add(item(2, 'x'.repeat(50)), 0, () => false)).toThrow(/being sent/);
    expect(files()).toHaveLength(1);
  });

  it('discards half-written files and sets unreadable ones aside', () => {
    const box = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 0 });
    box.add(item(1), 0, always);
    writeFileSync(join(dir, '.tmp-crashed'), 'half');
    writeFileSync(join(dir, '000000000099-bad.item'), 'not json\nbody');
    const again = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 0 });
    expect(again.size).toBe(1);
    expect(again.corrupt).toEqual(['000000000099-bad.item']);
    expect(readdirSync(dir).sort()).toEqual([...files(), '000000000099-bad.item.corrupt'].sort());
  });

  it('keeps bodies in memory only up to its budget', () => {
    const box = Outbox.open(dir, { maxBytes: 1 << 20, memoryBytes: 40 });
    const a = box.add(item(1, 'a'.repeat(30)), 0, always).item;
    const b = box.add(item(2, 'b'.repeat(30)), 0, always).item;
    expect(a.body).toBeDefined();
    expect(b.body).toBeUndefined();
    expect(Buffer.from(box.body(b)).toString()).toBe('b'.repeat(30));
  });
});
