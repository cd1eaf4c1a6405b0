// "Test connection" for one target: walks DNS → TCP → TLS → HTTP and stops at the first step that fails,
// saying which and why in plain words. The HTTP step sends something that creates nothing visible: an
// envelope with only a client report for Sentry (Sentry records it as an outcome, no event, no issue), an
// empty ExportTraceServiceRequest for an OTLP backend.
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { clientReportEnvelope } from './client-reports.js';
import type { DeliveryClock } from './clock.js';
import { envelopeUrlOf } from './endpoints.js';
import { networkWords, statusWords, type AttemptResult } from './outcome.js';
import { bodyExcerpt, redact, targetSecrets } from './redact.js';
import { gzipBody, type PostRequest } from './transport.js';
import type { ConnectionTestResult, DeliveryTarget } from './types.js';

const STEP_TIMEOUT_MS = 5_000;

interface ConnectionTestDeps {
  /** One HTTP attempt, as delivery makes them (same transport, same headers). */
  attempt: (req: PostRequest) => Promise<AttemptResult>;
  clock: DeliveryClock;
}

export async function testConnection(
  target: DeliveryTarget,
  deps: ConnectionTestDeps,
): Promise<ConnectionTestResult> {
  const secrets = targetSecrets(target.redact, target.headers);
  const result = await runSteps(target, deps);
  return { ...result, message: redact(result.message, secrets) };
}

async function runSteps(target: DeliveryTarget, deps: ConnectionTestDeps): Promise<ConnectionTestResult> {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return { ok: false, stage: 'http', message: `The target URL is not a valid URL.` };
  }
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (secure ? 443 : 80));
  const stepMs = Math.min(STEP_TIMEOUT_MS, target.timeoutMs ?? STEP_TIMEOUT_MS);

  let address = host;
  if (!isIP(host)) {
    try {
      address = (await lookup(host)).address;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return {
        ok: false,
        stage: 'dns',
        message: `Cannot find the host "${host}": ${networkWords(code, 'DNS lookup failed')}. Check the host name in the DSN or URL.`,
      };
    }
  }

  const tcp = await openSocket(() => netConnect({ host: address, port }), 'connect', stepMs);
  if (tcp) {
    return {
      ok: false,
      stage: 'tcp',
      message:
        tcp === 'timeout'
          ? `No answer from ${host}:${port} within ${stepMs / 1000} s (a firewall, or the wrong port?).`
          : `Cannot connect to ${host}:${port}: ${tcp}.`,
    };
  }
  if (secure) {
    const tls = await openSocket(
      () => tlsConnect({ host: address, port, servername: isIP(host) ? undefined : host }),
      'secureConnect',
      stepMs,
    );
    if (tls)
      return {
        ok: false,
        stage: 'tls',
        message:
          tls === 'timeout'
            ? `The TLS handshake with ${host}:${port} did not finish within ${stepMs / 1000} s.`
            : `The TLS handshake with ${host}:${port} failed: ${tls}.`,
      };
  }
  return httpStep(target, deps);
}

/** Opens and closes a socket; returns undefined when it connected, else what went wrong. */
function openSocket(open: () => Socket, readyEvent: string, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const sock = open();
    const done = (why: string | undefined) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done('timeout'), ms);
    sock.once(readyEvent, () => done(undefined));
    sock.once('error', (e: NodeJS.ErrnoException) => done(networkWords(e.code, e.message)));
  });
}

async function httpStep(target: DeliveryTarget, deps: ConnectionTestDeps): Promise<ConnectionTestResult> {
  const sentry = target.kind !== 'otlp-http';
  const envelopeUrl = sentry ? envelopeUrlOf(target) : undefined;
  if (sentry && !envelopeUrl)
    return {
      ok: false,
      stage: 'http',
      message:
        'The URL is not a Sentry endpoint (expected …/api/<project>/envelope/ or …/integration/otlp/v1/traces).',
    };
  const now = deps.clock.now();
  const body = sentry ? clientReportEnvelope([], now) : JSON.stringify({ resourceSpans: [] });
  const res = await deps.attempt({
    url: envelopeUrl ?? target.url,
    headers: target.headers,
    contentType: sentry ? 'application/x-sentry-envelope' : 'application/json',
    body: await gzipBody(new TextEncoder().encode(body)),
    timeoutMs: target.timeoutMs ?? 10_000,
  });
  const who = sentry ? 'Sentry' : 'The OTLP endpoint';
  if (res.kind === 'timeout')
    return { ok: false, stage: 'http', message: `${who} did not answer within ${res.timeoutMs / 1000} s.` };
  if (res.kind === 'network')
    return {
      ok: false,
      stage: 'http',
      message: `The request failed: ${networkWords(res.code, res.message)}.`,
    };
  const { status } = res;
  const said = res.body.trim() ? ` It said: ${bodyExcerpt(res.body, undefined)}` : '';
  if (status >= 200 && status < 300)
    return {
      ok: true,
      stage: 'ok',
      httpStatus: status,
      message: sentry
        ? `Connected: Sentry accepted the key and the project (a test client report; nothing visible was created).`
        : `Connected: the OTLP endpoint accepted an empty export.`,
    };
  if (status === 429) {
    const limits = res.headers['x-sentry-rate-limits'];
    const after = res.headers['retry-after'];
    return {
      ok: false,
      stage: 'rate-limit',
      httpStatus: status,
      message: `Connected, but ${who.toLowerCase()} is rate limiting this ${sentry ? 'project' : 'client'}${after ? ` for ${after} s` : ''}${limits ? ` (X-Sentry-Rate-Limits: ${limits})` : ''}. Forwarded data waits until the limit ends.`,
    };
  }
  if (status === 401)
    return {
      ok: false,
      stage: 'auth',
      httpStatus: status,
      message: `${who} refused the credentials (401 Unauthorized): check the DSN's public key${sentry ? '' : ' or the headers'}.${said}`,
    };
  if (status === 404 || (status === 403 && /project/i.test(res.body)))
    return {
      ok: false,
      stage: 'project',
      httpStatus: status,
      message: `${who} does not know this project (${status}): check the project id at the end of the DSN, and that the key belongs to that project.${said}`,
    };
  if (status === 403)
    return {
      ok: false,
      stage: 'auth',
      httpStatus: status,
      message: `${who} refused the request (403 Forbidden): the key is disabled or not allowed for this project.${said}`,
    };
  return {
    ok: false,
    stage: 'http',
    httpStatus: status,
    message: `${who} answered HTTP ${status} (${statusWords(status)}).${said}`,
  };
}
