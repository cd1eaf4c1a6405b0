// Who may talk to the OTLP/HTTP receiver from a browser. Pure functions over header values.
//
// - CORS: browser OTel SDKs served from a loopback origin (http(s)://localhost, 127.0.0.1, [::1], any port)
//   may export; other web origins get no CORS headers, so a page on the internet cannot post spans.
// - DNS rebinding: a hostile page can make its own name resolve to 127.0.0.1; the browser then sends
//   `Host: evil.example`. When the receiver listens only on loopback, a Host that is neither localhost nor an
//   IP literal is refused (403). When the user binds a non-loopback --host (e.g. 0.0.0.0 for containers),
//   other containers legitimately address us by their own names for us (Host: inspector:4318), so any
//   Host is accepted then: that user has chosen to expose the receiver.

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Is this listen address loopback-only? */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Strips an optional :port from a Host header value; returns the lowercased host part. */
function hostPart(value: string): string | null {
  const v = value.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(v);
  return m ? m[1]! : null;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** A Host header acceptable on a loopback-bound receiver: localhost or an IP literal, any port. */
export function isAllowedLoopbackHost(hostHeader: string | undefined): boolean {
  // HTTP/1.0 clients may omit Host; a browser never does, so this is not a rebinding vector.
  if (hostHeader === undefined || hostHeader === '') return true;
  const host = hostPart(hostHeader);
  if (host === null) return false;
  return host === 'localhost' || IPV4.test(host) || host.startsWith('[');
}

/** An Origin allowed to read our responses: http(s) on localhost, 127.0.0.1 or [::1], any port. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  const m = /^https?:\/\/(\[[^\]]+\]|[^:/]+)(?::\d{1,5})?$/i.exec(origin.trim());
  return m !== null && LOOPBACK_HOSTNAMES.has(m[1]!.toLowerCase());
}
