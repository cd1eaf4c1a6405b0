// The headless inspector: store + OTLP/gRPC and OTLP/HTTP receivers + the local API and UI server. The
// CLI, the Electron shell and the end-to-end tests all start it through startInspector().
import type { RunningServer } from './net/listen.js';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReceiverInfo, ReceiverProtocol, StoreLimits } from '../../shared/api/contract.js';
import { buildStats, type ApiContext } from './api/context.js';
import { listenHttp } from './api/listen-http.js';
import { HttpError } from './api/router.js';
import { apiRoutes } from './api/routes.js';
import { createApiHandler } from './api/server.js';
import { generateToken } from './api/security.js';
import { StreamHub } from './api/stream-hub.js';
import { sendDemoTrace } from './demo-trace.js';
import { createDeliveryService, type CreateDeliveryService } from './forwarding/delivery/index.js';
import { ForwardingService } from './forwarding/forwarding-service.js';
import type { SecretCodec } from './forwarding/secret-codec.js';
import { startGrpcReceiver } from './receivers/grpc-receiver.js';
import { startHttpReceiver } from './receivers/http-receiver.js';
import { DEFAULT_HOSTS, formatHostPort, PortInUseError } from './net/listen.js';
import { defaultSettings, loadSettings, SettingsService } from './settings/index.js';
import { SpanStore } from './store/span-store.js';
import { WorkerPool } from './workers/worker-pool.js';

export interface InspectorConfig {
  /** Addresses to listen on (default 127.0.0.1 and ::1). */
  hosts?: readonly string[];
  /** 0 picks a free port; defaults 4317 / 4318 / 4320. */
  grpcPort?: number;
  httpPort?: number;
  uiPort?: number;
  limits?: Partial<StoreLimits>;
  /** API token; random per launch when absent. */
  token?: string;
  /** Folder of the built UI; default dist/renderer of this package; null serves no UI. */
  staticDir?: string | null;
  maxReceiveMessageBytes?: number;
  maxBodyBytes?: number;
  /**
   * Where settings.json lives: PUT /api/v1/settings saves there. Absent: settings changes apply to the
   * running inspector only. (Reading the file into `limits` is the caller's job: see resolveServeConfig.)
   */
  dataDir?: string;
  /** Seals forwarding secrets (DSNs, header values) in settings.json: the Electron shell passes one backed
   *  by safeStorage when the OS offers it. Absent: they are stored plainly in the 0600 file. */
  secretCodec?: SecretCodec | null;
  /** Builds the forwarding delivery service (outbox, retries): default the real one (outbox in
   *  dataDir/outbox, or a temporary folder without a data dir); null: no forwarding (routes answer 404). */
  createDelivery?: CreateDeliveryService | null;
}

interface ListenerInfo {
  port: number;
  addresses: string[];
}

export interface RunningInspector {
  store: SpanStore;
  /** Present when the inspector was started with a delivery service. */
  forwarding?: ForwardingService;
  receivers: ReceiverInfo[];
  grpc: ListenerInfo;
  http: ListenerInfo;
  api: ListenerInfo & {
    /** The UI URL with the token, e.g. http://localhost:4320/?token=… */
    url: string;
    /** Base URL of the API without the token. */
    baseUrl: string;
  };
  token: string;
  version: string;
  close(): Promise<void>;
}

/** A listener could not start because its port is taken: names the port and the flag that changes it. */
export class InspectorPortError extends Error {
  constructor(
    readonly port: number,
    readonly label: string,
    readonly flag: string,
  ) {
    super(`port ${port} (${label}) is already in use; choose another with ${flag}`);
    this.name = 'InspectorPortError';
  }
}

const PACKAGE_ROOT = ((): string => {
  // Compiled: dist/electron/core/inspector.js; from source: electron/core/inspector.ts.
  const up2 = fileURLToPath(new URL('../../', import.meta.url));
  return basename(up2) === 'dist' ? join(up2, '..') : up2;
})();

const DEFAULT_STATIC_DIR = join(PACKAGE_ROOT, 'dist', 'renderer');

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

const WILDCARDS = new Set(['0.0.0.0', '::']);
const LOOPBACKS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The host a user on this machine should type. localhost when it reaches us whichever loopback address it
 * resolves to (both bound, or a wildcard); otherwise the one loopback address bound (some clients resolve
 * localhost to ::1 only and would miss a 127.0.0.1-only listener), else the first address.
 */
export function displayHost(hosts: readonly string[]): string {
  if (hosts.some((h) => WILDCARDS.has(h) || h === 'localhost')) return 'localhost';
  const v4 = hosts.includes('127.0.0.1');
  const v6 = hosts.includes('::1');
  if (v4 && v6) return 'localhost';
  if (v4) return '127.0.0.1';
  if (v6) return '[::1]';
  const h = hosts[0] ?? 'localhost';
  return h.includes(':') ? `[${h}]` : h;
}

/** True when some listener address is reachable from other machines. */
export function exposesNetwork(hosts: readonly string[]): boolean {
  return hosts.some((h) => !LOOPBACKS.has(h) && !h.startsWith('127.'));
}

function portError(err: unknown, label: string, flag: string, port: number): unknown {
  if (err instanceof PortInUseError) return new InspectorPortError(err.port, label, flag);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new InspectorPortError(port, label, flag);
  return err;
}

export async function startInspector(config: InspectorConfig = {}): Promise<RunningInspector> {
  const hosts = config.hosts && config.hosts.length ? [...config.hosts] : [...DEFAULT_HOSTS];
  const token = config.token ?? generateToken();
  const version = packageVersion();
  const startedAt = Date.now();
  const store = new SpanStore(config.limits ?? {});
  const toClose: (() => Promise<void>)[] = [async () => store.close()];
  const closeAll = async (): Promise<void> => {
    for (const c of toClose.splice(0).reverse()) await c().catch(() => undefined);
  };

  const shown = displayHost(hosts);
  const info = (protocol: ReceiverProtocol, l: ListenerInfo): ReceiverInfo => ({
    protocol,
    state: 'listening',
    address: l.addresses[0] ?? formatHostPort(hosts[0]!, l.port),
    addresses: l.addresses,
    endpoint: `http://${shown}:${l.port}`,
  });

  try {
    const grpcPort = config.grpcPort ?? 4317;
    const grpc = await startGrpcReceiver({
      hosts,
      port: grpcPort,
      maxReceiveMessageBytes: config.maxReceiveMessageBytes,
      sink: store,
    }).catch((e: unknown) => {
      throw portError(e, 'OTLP/gRPC', '--grpc-port', grpcPort);
    });
    toClose.push(() => grpc.close());

    const httpPort = config.httpPort ?? 4318;
    const http = await startHttpReceiver({
      hosts,
      port: httpPort,
      maxBodyBytes: config.maxBodyBytes,
      sink: store,
    }).catch((e: unknown) => {
      throw portError(e, 'OTLP/HTTP', '--http-port', httpPort);
    });
    toClose.push(() => http.close());

    const receivers = [info('otlp-grpc', grpc), info('otlp-http', http)];
    const settings = new SettingsService(config.dataDir ?? null, {
      ...(config.dataDir ? await loadSettings(config.dataDir) : defaultSettings()),
      ...store.limits,
    });
    const workers = new WorkerPool();
    toClose.push(() => workers.close());
    let forwarding: ForwardingService | undefined;
    const createDelivery =
      config.createDelivery === undefined ? createDeliveryService : config.createDelivery;
    if (createDelivery) {
      // Without a data dir the outbox lives in a temporary folder for this run only.
      let outboxDir = config.dataDir;
      if (!outboxDir) {
        const tmp = await mkdtemp(join(tmpdir(), 'otel-sentry-inspector-'));
        toClose.push(() => rm(tmp, { recursive: true, force: true }));
        outboxDir = tmp;
      }
      const delivery = await createDelivery({ dataDir: outboxDir });
      toClose.push(() => delivery.close());
      const service = new ForwardingService({
        store,
        delivery,
        settings,
        codec: config.secretCodec ?? null,
        workers,
      });
      toClose.push(async () => service.close());
      forwarding = service;
    }
    const stats = () => buildStats(store, receivers, startedAt, version, forwarding);
    const hub = new StreamHub(store, stats);
    settings.onChange((s) =>
      store.setLimits({ maxSpans: s.maxSpans, maxBytes: s.maxBytes, idleTimeoutMs: s.idleTimeoutMs }),
    );
    toClose.push(async () => hub.close());
    // The demo goes through our own OTLP/HTTP receiver over loopback, exactly like a real exporter.
    const loopback =
      http.addresses.find((a) => a.startsWith('127.') || a.startsWith('[::1]')) ?? http.addresses[0]!;
    const demoEndpoint = `http://${loopback.replace(/^(0\.0\.0\.0|\[::\]):/, '127.0.0.1:')}`;
    const context: ApiContext = {
      store,
      workers,
      receivers: () => receivers,
      stats,
      stream: hub,
      sendDemo: () =>
        sendDemoTrace(demoEndpoint).catch((e: unknown) => {
          throw new HttpError(
            502,
            `could not send the demo trace: ${e instanceof Error ? e.message : String(e)}`,
          );
        }),
      version,
      startedAt,
      settings,
      ...(forwarding ? { forwarding } : {}),
    };
    const uiPort = config.uiPort ?? 4320;
    const staticDir = config.staticDir === undefined ? DEFAULT_STATIC_DIR : config.staticDir;
    const api: RunningServer = await listenHttp(
      createApiHandler({ token, context, routes: apiRoutes, staticDir }),
      hosts,
      uiPort,
    ).catch((e: unknown) => {
      throw portError(e, 'UI', '--ui-port', uiPort);
    });
    toClose.push(() => api.close());

    const baseUrl = `http://${shown}:${api.port}`;
    return {
      store,
      ...(forwarding ? { forwarding } : {}),
      receivers,
      grpc: { port: grpc.port, addresses: grpc.addresses },
      http: { port: http.port, addresses: http.addresses },
      api: {
        port: api.port,
        addresses: api.addresses,
        baseUrl,
        url: `${baseUrl}/?token=${encodeURIComponent(token)}`,
      },
      token,
      version,
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
