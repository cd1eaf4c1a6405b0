// Starts the real API server on 127.0.0.1:0 over a real store, for the API tests.
import type { RunningServer } from '../../../../electron/core/net/listen.js';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceiverInfo } from '../../../../shared/api/contract.js';
import { buildStats, type ApiContext } from '../../../../electron/core/api/context.js';
import { listenHttp } from '../../../../electron/core/api/listen-http.js';
import { apiRoutes } from '../../../../electron/core/api/routes.js';
import { createApiHandler } from '../../../../electron/core/api/server.js';
import { StreamHub, type StreamHubOptions } from '../../../../electron/core/api/stream-hub.js';
import { SpanStore, type SpanStoreOptions } from '../../../../electron/core/store/span-store.js';
import { defaultSettings, SettingsService } from '../../../../electron/core/settings/index.js';

export const TOKEN = 'test-token-0123456789';

export interface Harness {
  store: SpanStore;
  hub: StreamHub;
  base: string;
  port: number;
  staticDir: string;
  /** The data dir the settings routes save to. */
  dataDir: string;
  close(): Promise<void>;
}

const RECEIVERS: ReceiverInfo[] = [
  {
    protocol: 'otlp-grpc',
    state: 'listening',
    address: '127.0.0.1:4317',
    addresses: ['127.0.0.1:4317', '[::1]:4317'],
    endpoint: 'http://localhost:4317',
  },
  {
    protocol: 'otlp-http',
    state: 'listening',
    address: '127.0.0.1:4318',
    addresses: ['127.0.0.1:4318', '[::1]:4318'],
    endpoint: 'http://localhost:4318',
  },
];

/** Stands in for the app icon vite.config.ts copies into the build (a PNG signature and a marker). */
export const FAKE_ICON = Buffer.from('\x89PNG\r\n\x1a\nfake-app-icon', 'latin1');

export function makeStaticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'osi-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("ui")');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'icon.png'), FAKE_ICON);
  return dir;
}

export async function startHarness(
  storeOptions: SpanStoreOptions = {},
  hubOptions: StreamHubOptions = {},
  sendDemo: () => Promise<string> = () => Promise.reject(new Error('no receiver in this test')),
): Promise<Harness> {
  const store = new SpanStore(storeOptions);
  const startedAt = Date.now();
  const stats = () => buildStats(store, RECEIVERS, startedAt, '0.0.0-test');
  const hub = new StreamHub(store, stats, hubOptions);
  const dataDir = mkdtempSync(join(tmpdir(), 'osi-data-'));
  const settings = new SettingsService(dataDir, { ...defaultSettings(), ...store.limits });
  settings.onChange((s) => store.setLimits(s));
  const context: ApiContext = {
    settings,
    store,
    receivers: () => RECEIVERS,
    stats,
    stream: hub,
    sendDemo,
    version: '0.0.0-test',
    startedAt,
  };
  const staticDir = makeStaticDir();
  const listeners: RunningServer = await listenHttp(
    createApiHandler({ token: TOKEN, context, routes: apiRoutes, staticDir }),
    ['127.0.0.1'],
    0,
  );
  return {
    store,
    hub,
    staticDir,
    dataDir,
    port: listeners.port,
    base: `http://127.0.0.1:${listeners.port}`,
    async close() {
      hub.close();
      await listeners.close();
      store.close();
      rmSync(staticDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
