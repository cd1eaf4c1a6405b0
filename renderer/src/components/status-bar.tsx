import { useState } from 'react';
import { REJECT_REASONS } from '../../../shared/model/span.js';
import type { ReceiverInfo } from '../../../shared/api/contract.js';
import { useApp } from '../state/store.js';
import { Sparkline } from './sparkline.js';
import { currentRate } from '../model/sparkline.js';
import { formatBytes, formatCount } from '../model/format.js';
import { ForwardingIndicator } from './forwarding/forwarding-indicator.js';

const PROTOCOL_LABEL: Record<ReceiverInfo['protocol'], string> = { 'otlp-grpc': 'gRPC', 'otlp-http': 'HTTP' };
const STATE_LABEL: Record<ReceiverInfo['state'], string> = {
  listening: 'listening',
  'port-in-use': 'port in use',
  error: 'error',
  stopped: 'stopped',
};

/** "127.0.0.1:4317" with the host in its own span, which narrow windows hide (it is in the tooltip). */
function Address({ address }: { address: string }) {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return <>{address}</>;
  return (
    <>
      <span className="receiver-host">{address.slice(0, colon)}</span>
      {address.slice(colon)}
    </>
  );
}

function Receiver({ r }: { r: ReceiverInfo }) {
  const title = [r.endpoint, ...r.addresses, r.error].filter(Boolean).join('\n');
  return (
    <span
      className={`receiver receiver-${r.state}`}
      title={title}
      aria-label={`OTLP ${PROTOCOL_LABEL[r.protocol]} receiver ${r.address} ${STATE_LABEL[r.state]}`}
    >
      <span className="dot" aria-hidden="true" />
      <span className="receiver-proto">{PROTOCOL_LABEL[r.protocol]}</span> <Address address={r.address} />
      {r.state !== 'listening' && <span className="receiver-state"> · {STATE_LABEL[r.state]}</span>}
    </span>
  );
}

function Rejected({
  total,
  byReason,
  badRequests,
}: {
  total: number;
  byReason: Record<string, number>;
  badRequests: number;
}) {
  const [open, setOpen] = useState(false);
  const reasons = REJECT_REASONS.filter((r) => (byReason[r] ?? 0) > 0);
  return (
    <span
      className={`counter ${total + badRequests > 0 ? 'counter-warn' : ''}`}
      tabIndex={0}
      role="button"
      aria-label={`Rejected spans: ${total}`}
      aria-describedby="rejected-tip"
      aria-expanded={open}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
    >
      rejected <b>{formatCount(total)}</b>
      <span id="rejected-tip" role="tooltip" className={`tooltip ${open ? 'tooltip-open' : ''}`}>
        <span className="tooltip-title">Rejected spans by reason</span>
        {reasons.length === 0 && <span className="tooltip-row">None rejected</span>}
        {badRequests > 0 && (
          <span className="tooltip-row">
            <span>undecodable requests</span>
            <b>{formatCount(badRequests)}</b>
          </span>
        )}
        {reasons.map((r) => (
          <span className="tooltip-row" key={r}>
            <span>{r.replaceAll('_', ' ')}</span>
            <b>{formatCount(byReason[r] ?? 0)}</b>
          </span>
        ))}
      </span>
    </span>
  );
}

export function StatusBar() {
  const stats = useApp((s) => s.stats);
  const connection = useApp((s) => s.connection);
  const c = stats?.counters;
  const rate = stats ? currentRate(stats.spansPerSecond) : 0;
  return (
    <footer className="statusbar" role="contentinfo" aria-label="Status">
      <span className={`conn conn-${connection}`} role="status" aria-label={`Live stream ${connection}`}>
        <span className="dot" aria-hidden="true" />
        {connection === 'open' ? 'live' : connection}
      </span>
      {stats?.receivers.map((r) => (
        <Receiver key={r.protocol} r={r} />
      ))}
      <ForwardingIndicator />
      <span className="spacer" />
      <span
        className="rate"
        aria-label={`${rate} spans per second`}
        title="Spans accepted per second, last 60 s"
      >
        <Sparkline values={stats?.spansPerSecond ?? []} />
        <b>{formatCount(rate)}</b>/s
      </span>
      {c && (
        <>
          <span className="counter" aria-label={`Traces stored: ${c.traces}`}>
            traces <b data-testid="count-traces">{formatCount(c.traces)}</b>
          </span>
          <span
            className="counter"
            aria-label={`Spans stored: ${c.stored}`}
            title={`${formatBytes(c.storedBytes)} of ${formatBytes(stats.limits.maxBytes)}, at most ${formatCount(stats.limits.maxSpans)} spans`}
          >
            spans <b data-testid="count-spans">{formatCount(c.stored)}</b>
          </span>
          <span className="counter" aria-label={`Spans received: ${c.received}`}>
            received <b>{formatCount(c.received)}</b>
          </span>
          <Rejected total={c.rejected} byReason={c.rejectedByReason} badRequests={c.badRequests} />
          <span
            className={`counter ${c.evicted > 0 ? 'counter-warn' : ''}`}
            aria-label={`Spans evicted: ${c.evicted}`}
          >
            evicted <b>{formatCount(c.evicted)}</b>
          </span>
        </>
      )}
    </footer>
  );
}
