// What `serve` prints once every listener is up: for people, or one JSON line for scripts.
import type { RunningInspector } from '../inspector.js';
import { envFor } from '../receiver-env.js';

export function readyJson(inspector: RunningInspector): string {
  const [grpc, http] = [inspector.grpc, inspector.http].map((l) => l.addresses[0] ?? `localhost:${l.port}`);
  return JSON.stringify({ event: 'ready', grpc, http, ui: inspector.api.url });
}

export function readyText(inspector: RunningInspector): string {
  const env = envFor(inspector.receivers);
  const lines = [
    `otel-sentry-inspector ${inspector.version} is ready.`,
    '',
    `  OTLP/gRPC  ${inspector.grpc.addresses.join(', ')}`,
    `  OTLP/HTTP  ${inspector.http.addresses.join(', ')}  (POST /v1/traces)`,
    `  UI         ${inspector.api.url}`,
    '',
    'Point your app at it (OTLP/HTTP):',
    ...Object.entries(env.http).map(([k, v]) => `  export ${k}=${v}`),
    '',
    'or over gRPC:',
    ...Object.entries(env.grpc).map(([k, v]) => `  export ${k}=${v}`),
    '',
    'Press Ctrl+C to stop.',
  ];
  return lines.join('\n');
}
