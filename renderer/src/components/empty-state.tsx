// What a new user sees before any span arrives: how to point an app here, and a demo trace to try it.
import { useEffect, useState } from 'react';
import { useApp } from '../state/store.js';
import { CopyButton } from './copy-button.js';
import { Tab } from './tab.js';

function envBlock(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${/^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`}`)
    .join('\n');
}

function nodeSnippet(endpoint: string): string {
  return `// npm i @opentelemetry/sdk-node @opentelemetry/exporter-trace-otlp-http
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

new NodeSDK({
  serviceName: 'my-service',
  traceExporter: new OTLPTraceExporter({ url: '${endpoint.replace(/\/$/, '')}/v1/traces' }),
}).start();`;
}

function pythonSnippet(endpoint: string): string {
  return `# pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-http
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

provider = TracerProvider(resource=Resource.create({"service.name": "my-service"}))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint="${endpoint.replace(/\/$/, '')}/v1/traces")))
trace.set_tracer_provider(provider)`;
}

function collectorSnippet(endpoint: string): string {
  return `# OpenTelemetry Collector: send a copy of your traces here too
exporters:
  otlphttp/inspector:
    endpoint: ${endpoint.replace(/\/$/, '')}
service:
  pipelines:
    traces:
      exporters: [otlphttp/inspector]   # next to your existing exporters`;
}

function Snippet({ title, code, copyLabel }: { title: string; code: string; copyLabel: string }) {
  return (
    <div className="snippet">
      <div className="snippet-head">
        <span>{title}</span>
        <CopyButton text={code} label={copyLabel} />
      </div>
      <pre className="code">{code}</pre>
    </div>
  );
}

export function EmptyState() {
  const receivers = useApp((s) => s.receivers);
  const loadReceivers = useApp((s) => s.loadReceivers);
  const sendDemo = useApp((s) => s.sendDemo);
  const [sending, setSending] = useState(false);
  const [tab, setTab] = useState<'http' | 'grpc'>('http');
  const [lang, setLang] = useState<'node' | 'python'>('node');
  useEffect(() => {
    if (!receivers) void loadReceivers();
  }, [receivers, loadReceivers]);

  const http = receivers?.receivers.find((r) => r.protocol === 'otlp-http');
  const grpc = receivers?.receivers.find((r) => r.protocol === 'otlp-grpc');
  const env = receivers ? (tab === 'http' ? receivers.env.http : receivers.env.grpc) : {};
  const httpEndpoint = http?.endpoint ?? 'http://localhost:4318';

  return (
    <section className="empty" aria-label="Getting started">
      <div className="empty-hero">
        <h1>Waiting for spans</h1>
        <p>
          Point any OpenTelemetry SDK or Collector at this inspector and every span shows up here as it
          arrives. Nothing leaves your machine.
        </p>
        <button
          type="button"
          className="btn btn-primary btn-large"
          aria-label="Send a demo trace"
          disabled={sending}
          onClick={async () => {
            setSending(true);
            await sendDemo();
            setSending(false);
          }}
        >
          {sending ? 'Sending…' : 'Send a demo trace'}
        </button>
        <p className="dim small">
          The demo goes through the real OTLP/HTTP receiver: an HTTP request, a database query and an
          exception.
        </p>
        <p className="empty-note" aria-label="Batch delay">
          Sent spans but nothing here yet? SDKs export in batches, by default every 5 seconds, so the first
          trace shows up a few seconds after the request. For development, shorten the delay (in milliseconds)
          with <code>OTEL_BSP_SCHEDULE_DELAY=500</code>{' '}
          <CopyButton text="export OTEL_BSP_SCHEDULE_DELAY=500" label="Copy batch delay setting" />
        </p>
      </div>
      <div className="empty-cols">
        <div className="empty-col">
          <h2>1. Set the exporter environment</h2>
          <div className="tabs" role="tablist" aria-label="Protocol">
            {(['http', 'grpc'] as const).map((p) => (
              <Tab key={p} selected={tab === p} onSelect={() => setTab(p)}>
                {p === 'http'
                  ? `OTLP/HTTP ${http ? `· ${http.address}` : ''}`
                  : `OTLP/gRPC ${grpc ? `· ${grpc.address}` : ''}`}
              </Tab>
            ))}
          </div>
          {receivers ? (
            <Snippet
              title="Shell"
              code={envBlock(env)}
              copyLabel={`Copy ${tab === 'http' ? 'HTTP' : 'gRPC'} environment`}
            />
          ) : (
            <p className="dim">Loading receiver addresses…</p>
          )}
          {(tab === 'http' ? http : grpc)?.state === 'port-in-use' && (
            <p className="banner banner-warn" role="alert">
              This receiver could not bind its port: another process holds it.
            </p>
          )}
          <Snippet
            title="Collector"
            code={collectorSnippet(httpEndpoint)}
            copyLabel="Copy Collector config"
          />
        </div>
        <div className="empty-col">
          <h2>2. Or configure the SDK in code</h2>
          <div className="tabs" role="tablist" aria-label="Language">
            {(['node', 'python'] as const).map((l) => (
              <Tab key={l} selected={lang === l} onSelect={() => setLang(l)}>
                {l === 'node' ? 'Node.js' : 'Python'}
              </Tab>
            ))}
          </div>
          {lang === 'node' ? (
            <Snippet title="Node.js" code={nodeSnippet(httpEndpoint)} copyLabel="Copy Node snippet" />
          ) : (
            <Snippet title="Python" code={pythonSnippet(httpEndpoint)} copyLabel="Copy Python snippet" />
          )}
        </div>
      </div>
    </section>
  );
}
