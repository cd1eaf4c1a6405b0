// What route handlers can reach. The inspector builds one per API server; a feature that needs more
// (e.g. Sentry settings) adds an optional field here rather than reaching for globals.
import type { ReceiverInfo, StatsResponse } from '../../../shared/api/contract.js';
import type { ForwardingService } from '../forwarding/forwarding-service.js';
import type { SettingsService } from '../settings/index.js';
import type { SpanStore } from '../store/span-store.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { StreamHub } from './stream-hub.js';

export interface ApiContext {
  store: SpanStore;
  /** Receivers as they are now (addresses, state). */
  receivers(): ReceiverInfo[];
  stats(): StatsResponse;
  stream: StreamHub;
  /** Sends the demo trace through the inspector's own OTLP/HTTP receiver; resolves to its trace ID. */
  sendDemo(): Promise<string>;
  version: string;
  startedAt: number;
  /** Runs heavy, input-sized work off the event loop (absent: such routes compute inline, e.g. in tests). */
  workers?: WorkerPool;
  /** Settings changeable through the API (absent: GET/PUT /settings answer 404). */
  settings?: SettingsService;
  /** Forwarding targets, sampling and selective send (absent: the /forwarding routes answer 404). */
  forwarding?: ForwardingService;
}

export function buildStats(
  store: SpanStore,
  receivers: ReceiverInfo[],
  startedAt: number,
  version: string,
  forwarding?: ForwardingService,
): StatsResponse {
  const stats: StatsResponse = {
    ...store.stats(),
    receivers,
    startedAt,
    version,
  };
  // In every stream delta too, so the UI's counters move live.
  if (forwarding) stats.forwarding = forwarding.status();
  return stats;
}
