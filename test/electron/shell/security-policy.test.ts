import { describe, expect, it } from 'vitest';
import {
  FALLBACK_CSP,
  appOrigin,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isAllowedRequest,
  isSafeExternalUrl,
  windowWebPreferences,
  withFallbackCsp,
} from '../../../electron/shell/security-policy.js';

const ORIGIN = 'http://127.0.0.1:4319';

describe('windowWebPreferences', () => {
  it('sets every checklist flag explicitly', () => {
    for (const devTools of [true, false]) {
      expect(windowWebPreferences({ devTools })).toEqual({
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
        devTools,
      });
    }
  });

  it('has no preload and no Blink feature switches', () => {
    const prefs = windowWebPreferences({ devTools: false });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('appOrigin', () => {
  it.each([
    ['http://127.0.0.1:4319/?token=abc', 'http://127.0.0.1:4319'],
    ['http://[::1]:5000/x?token=1', 'http://[::1]:5000'],
    ['http://localhost:80/', 'http://localhost'],
    ['http://127.0.0.2:4320/?token=1', 'http://127.0.0.2:4320'],
  ])('%s → %s', (url, origin) => {
    expect(appOrigin(url)).toBe(origin);
  });

  it.each([
    'https://127.0.0.1:4319/',
    'http://192.168.1.2:4319/',
    'http://example.com/',
    'not a url',
    'file:///x',
  ])('refuses %s', (url) => {
    expect(() => appOrigin(url)).toThrow(/loopback/);
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    ['http://127.0.0.1:4319/?token=abc', true],
    ['http://127.0.0.1:4319/traces/abc#x', true],
    ['http://127.0.0.1:4319', true],
    // Same prefix, different origin: a string-prefix check would let these through.
    ['http://127.0.0.1:43190/', false],
    ['http://127.0.0.1:4319.evil.com/', false],
    ['http://127.0.0.1:4319@evil.com/', false],
    ['https://127.0.0.1:4319/', false],
    ['http://localhost:4319/', false],
    // The receivers are loopback too, but other origins.
    ['http://127.0.0.1:4318/v1/traces', false],
    ['https://sentry.io/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedNavigation(url, ORIGIN)).toBe(expected);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://sentry.io/', true],
    ['https://docs.sentry.io/concepts/otlp/', true],
    ['https://my-org.sentry.io/issues/123/?project=4', true],
    ['https://SENTRY.IO/x', true],
    ['https://opentelemetry.io/docs/', true],
    ['https://github.com/open-telemetry/opentelemetry-js/issues/1', true],
    ['http://sentry.io/', false],
    ['https://evilsentry.io/', false],
    ['https://sentry.io.evil.com/', false],
    ['https://user:pw@sentry.io/', false],
    ['https://sentry.io@evil.com/', false],
    ['https://example.com/', false],
    ['https://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['vscode://file/etc/passwd', false],
    ['ms-msdt:/id', false],
    ['mailto:a@sentry.io', false],
    ['https://sentry.io./', false],
    [`https://sentry.io/${'a'.repeat(3000)}`, false],
    ['', false],
    ['sentry.io', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });

  it('accepts a configured extra host (self-hosted Sentry) and its subdomains only', () => {
    const extra = ['sentry.internal.example.com'];
    expect(isSafeExternalUrl('https://sentry.internal.example.com/org/', extra)).toBe(true);
    expect(isSafeExternalUrl('https://eu.sentry.internal.example.com/', extra)).toBe(true);
    expect(isSafeExternalUrl('https://internal.example.com/', extra)).toBe(false);
    expect(isSafeExternalUrl('https://x.example.com/', [''])).toBe(false);
  });
});

describe('decideNavigation and decideWindowOpen', () => {
  it.each([
    ['http://127.0.0.1:4319/?token=a', 'allow', 'deny'],
    ['https://docs.sentry.io/', 'open-external', 'open-external'],
    ['https://example.com/', 'deny', 'deny'],
    ['http://127.0.0.1:4318/', 'deny', 'deny'],
    ['file:///tmp/x.html', 'deny', 'deny'],
  ] as const)('%s → navigate %s, window.open %s', (url, nav, open) => {
    expect(decideNavigation(url, ORIGIN)).toBe(nav);
    expect(decideWindowOpen(url)).toBe(open);
  });
});

describe('decidePermission', () => {
  const denied = [
    'clipboard-read',
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'storage-access',
    'window-management',
    'unknown',
  ];
  it.each(denied)('denies %s, even to our origin', (permission) => {
    expect(decidePermission(permission, `${ORIGIN}/`, ORIGIN)).toBe(false);
  });

  it('allows clipboard writes (copy buttons) from our origin only', () => {
    expect(decidePermission('clipboard-sanitized-write', `${ORIGIN}/?token=a`, ORIGIN)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', ORIGIN, ORIGIN)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'http://127.0.0.1:4318/', ORIGIN)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'https://evil.com/', ORIGIN)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', '', ORIGIN)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it.each([
    ['http://127.0.0.1:4319/assets/index.js', true],
    ['http://127.0.0.1:4319/api/v1/stream?token=a', true],
    ['data:image/png;base64,AAAA', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['blob:http://127.0.0.1:4319/0b6c3f0e-1', true],
    ['blob:https://evil.com/0b6c3f0e-1', false],
    ['http://127.0.0.1:4318/v1/traces', false],
    ['https://fonts.googleapis.com/css', false],
    ['https://sentry.io/api/1/envelope/', false],
    ['ws://127.0.0.1:4319/', false],
    ['file:///etc/passwd', false],
    ['garbage', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedRequest(url, ORIGIN)).toBe(expected);
  });
});

describe('withFallbackCsp', () => {
  it('adds the CSP to a response without one', () => {
    expect(withFallbackCsp({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [FALLBACK_CSP],
    });
    expect(withFallbackCsp(undefined)).toEqual({ 'Content-Security-Policy': [FALLBACK_CSP] });
  });

  it('keeps an existing policy whatever the header case', () => {
    const headers = { 'content-security-policy': ["default-src 'self'"] };
    expect(withFallbackCsp(headers)).toEqual(headers);
  });

  it('does not modify its input', () => {
    const headers = { 'Content-Type': ['text/html'] };
    withFallbackCsp(headers);
    expect(headers).toEqual({ 'Content-Type': ['text/html'] });
  });
});

describe('FALLBACK_CSP', () => {
  const directives = new Map(
    FALLBACK_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
  it.each([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
  ])('%s is %j', (name, values) => {
    expect(directives.get(name)).toEqual(values);
  });

  it('never allows eval, inline scripts or remote hosts', () => {
    expect(FALLBACK_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});
