// kill -9 with sends pending, then a restart: every event is delivered exactly once. The fake Sentry
// acknowledges the first 10 envelopes and then stops answering, so at the moment of the kill the child has
// 10 acknowledged items (listed in the outbox's .acks) and the rest pending, two of them in flight.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDeliveryService } from '../../../../../electron/core/forwarding/delivery/index.js';
import { Outbox } from '../../../../../electron/core/forwarding/delivery/outbox.js';
import { startFakeSentry } from '../../../../helpers/fake-sentry.js';
import { transactionDelivery } from '../../../../helpers/forward-traces.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('kill -9 with sends pending, then a restart, delivers the rest exactly once', async () => {
  const N = 40;
  const ACKED = 10;
  const sentry = await startFakeSentry();
  cleanups.push(() => sentry.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'delivery-crash-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let answered = 0;
  sentry.setFault(() => (answered++ < ACKED ? undefined : { kind: 'timeout' }));

  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(HERE, 'fixtures/crash-child.ts'),
      dataDir,
      sentry.envelopeUrl(),
      sentry.authHeader(),
      String(N),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => void child.kill('SIGKILL'));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const outbox = join(dataDir, 'outbox');
  const pending = () => Outbox.inspect(outbox).items;
  await sentry.waitFor(
    () => sentry.eventIds().length === ACKED && sentry.hanging === 2 && pending() === N - ACKED,
    30_000,
  );

  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(pending()).toBe(N - ACKED);

  // Restart in this process against the same data dir, Sentry healthy again.
  sentry.setFault(undefined);
  const service = await createDeliveryService({ dataDir });
  cleanups.push(() => service.close());
  expect(service.status().totals).toEqual({ queued: N - ACKED, sent: 0, failed: 0, dropped: 0 });
  service.setTargets([
    {
      id: 'dev',
      kind: 'sentry-envelope',
      url: sentry.envelopeUrl(),
      headers: { 'X-Sentry-Auth': sentry.authHeader() },
    },
  ]);
  await sentry.waitFor(() => service.status().totals.queued === 0, 30_000);

  const all = Array.from({ length: N }, (_, i) => transactionDelivery('dev', i).eventIds[0]!);
  const got = sentry.eventIds();
  expect(got).toHaveLength(N);
  expect([...got].sort()).toEqual([...all].sort());
  expect(service.status().totals).toEqual({ queued: 0, sent: N - ACKED, failed: 0, dropped: 0 });
  expect(pending()).toBe(0);
  expect(sentry.invalid).toEqual([]);
});
