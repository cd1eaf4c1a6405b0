// The shell's security decisions as pure functions, so they are unit-tested without Electron.
// main.ts only wires them to Electron's events. The rules follow Electron's security checklist
// (docs/tutorial/security.md; see ../shared/reference/aesthetics.md §5): one loopback origin is the whole
// app, everything else is refused, and only checked https links leave the app, in the user's browser.
import type { WebPreferences } from 'electron';

/**
 * The window's webPreferences. Every flag the checklist cares about is spelled out, even where it is
 * Electron's default, so that a future default change or a careless edit shows up in review and tests.
 * No preload: the UI talks to the core over the local HTTP API, exactly as in a browser.
 */
export function windowWebPreferences(opts: { devTools: boolean }): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools,
  };
}

/**
 * The CSP added to any response from our origin that lacks one (the API server sends its own header; this
 * covers anything that does not). Scripts and styles only from our origin; the live stream and API calls
 * are same-origin fetch/EventSource; no frames, objects, forms or base-URI tricks. style-src allows inline
 * styles because React components set style attributes for virtualised rows and bar widths.
 */
export const FALLBACK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');

/** Parses a URL, or null for anything that is not one. */
function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app's origin (e.g. `http://127.0.0.1:4319`) from the UI URL; throws on a non-loopback http URL. */
export function appOrigin(uiUrl: string): string {
  const u = parse(uiUrl);
  if (!u || u.protocol !== 'http:' || !isLoopbackHost(u.hostname)) {
    throw new Error(`The UI URL must be http on a loopback address, got ${JSON.stringify(uiUrl)}`);
  }
  return u.origin;
}

/** localhost, ::1 or any address of 127.0.0.0/8 (as URL.hostname spells them). */
function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === '[::1]' || h === '::1' || h === 'localhost') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

/**
 * Same-origin check by URL parser, never by string prefix (`http://127.0.0.1:4319.evil.com` and
 * `http://127.0.0.1:43190` share a prefix with our origin but are not it).
 */
function isSameOrigin(url: string, origin: string): boolean {
  const u = parse(url);
  return u !== null && u.origin !== 'null' && u.origin === origin;
}

/** Navigation of any frame is allowed only within our origin (reloads, in-app links, the token query). */
export function isAllowedNavigation(url: string, origin: string): boolean {
  return isSameOrigin(url, origin);
}

/**
 * Hosts whose https links the app opens in the user's browser: Sentry (sentry.io and its regional and
 * organisation subdomains, docs.sentry.io), OpenTelemetry's docs, and GitHub (this project's docs and
 * issues). A self-hosted Sentry's host is passed in as an extra host once a DSN is configured.
 */
const TRUSTED_EXTERNAL_HOSTS: readonly string[] = ['sentry.io', 'opentelemetry.io', 'github.com'];

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether a URL may be handed to shell.openExternal. Span attributes and Sentry event URLs are untrusted
 * text, so: https only (no file:, javascript:, custom schemes that launch other apps), no user:password@,
 * a bounded length, and a host that is one of the trusted hosts or a subdomain of one (compared on label
 * boundaries: `evilsentry.io` and `sentry.io.evil.com` are not `sentry.io`).
 */
export function isSafeExternalUrl(url: string, extraHosts: readonly string[] = []): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  const u = parse(url);
  if (!u || u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '') return false;
  const host = u.hostname.toLowerCase();
  if (host === '' || host.endsWith('.')) return false;
  return [...TRUSTED_EXTERNAL_HOSTS, ...extraHosts].some((trusted) => {
    const t = trusted.toLowerCase();
    return t !== '' && (host === t || host.endsWith(`.${t}`));
  });
}

type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * What to do when the page tries to navigate (a plain link, location change, redirect): stay in the app
 * for our origin; for a checked https link, keep the window where it is and open the link in the browser;
 * otherwise do nothing.
 */
export function decideNavigation(
  url: string,
  origin: string,
  extraHosts: readonly string[] = [],
): NavigationDecision {
  if (isAllowedNavigation(url, origin)) return 'allow';
  return isSafeExternalUrl(url, extraHosts) ? 'open-external' : 'deny';
}

/** window.open / target=_blank never creates an Electron window: checked https links go to the browser. */
export function decideWindowOpen(url: string, extraHosts: readonly string[] = []): 'open-external' | 'deny' {
  return isSafeExternalUrl(url, extraHosts) ? 'open-external' : 'deny';
}

/**
 * Permission requests and checks: denied, with one exception the UI needs — writing to the clipboard
 * (the copy buttons for env settings, snippets and raw JSON) from our own origin. Reading the clipboard,
 * notifications, media, geolocation, HID/USB/serial, openExternal and everything else are refused.
 */
export function decidePermission(permission: string, requestingUrl: string, origin: string): boolean {
  return permission === 'clipboard-sanitized-write' && isSameOrigin(requestingUrl, origin);
}

/**
 * Which network requests the window's session lets through: our origin only (plus inline data:/blob:
 * URLs the page creates itself, and devtools: in development). The receivers are loopback too, but on
 * other ports, so they are other origins and refused: the renderer never loads from them.
 */
export function isAllowedRequest(url: string, origin: string): boolean {
  if (isSameOrigin(url, origin)) return true;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'devtools:') return true;
  // blob: URLs carry their creator's origin (blob:http://127.0.0.1:4319/uuid).
  return u.protocol === 'blob:' && isSameOrigin(u.pathname, origin);
}

type ResponseHeaders = Record<string, string[]>;

/**
 * Response headers with a CSP added when the response has none (header names are case-insensitive).
 * An existing policy is left alone: the API server's own header is the stricter authority.
 */
export function withFallbackCsp(headers: ResponseHeaders | undefined, csp = FALLBACK_CSP): ResponseHeaders {
  const out: ResponseHeaders = { ...(headers ?? {}) };
  const has = Object.keys(out).some((k) => k.toLowerCase() === 'content-security-policy');
  if (!has) out['Content-Security-Policy'] = [csp];
  return out;
}
