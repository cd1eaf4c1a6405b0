// electron/shell/main.ts run under Node against a recording fake of Electron (fake-electron.ts) and the
// real core: proves the shell starts the inspector from the CLI's flags, opens one window on the UI URL
// with the policy's webPreferences, wires every security handler, handles port conflicts, the menu's
// Clear Traces…, a second launch and shutdown. What it cannot prove is Electron's own behaviour (that
// Chromium honours these settings); that needs the real binary (see docs/packaging.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PORTS } from '../../../electron/core/cli/options.js';
import { FALLBACK_CSP, windowWebPreferences } from '../../../electron/shell/security-policy.js';

const fake = await vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', () => fake.module);

const dataDir = mkdtempSync(join(tmpdir(), 'shell-wiring-'));
const argv0 = process.argv;
const blockers: Server[] = [];
let logSpy: ReturnType<typeof vi.spyOn>;
let errSpy: ReturnType<typeof vi.spyOn>;
const signalListeners = new Map<NodeJS.Signals, Set<unknown>>();

beforeEach(() => {
  fake.reset();
  for (const s of ['SIGINT', 'SIGTERM'] as const) signalListeners.set(s, new Set(process.listeners(s)));
  logSpy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  errSpy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  // Quit whatever the test started, so no listener outlives it.
  fake.state.app.quit();
  await until(
    () => fake.state.quits > 0 || fake.state.exits.length > 0 || fake.state.windows.length === 0,
    'quit',
  );
  for (const s of blockers.splice(0)) await new Promise((r) => s.close(r));
  process.argv = argv0;
  logSpy.mockRestore();
  errSpy.mockRestore();
  // The shell's own SIGINT/SIGTERM handlers (it quits on them); the test runner's stay.
  for (const [s, before] of signalListeners) {
    for (const l of process.listeners(s)) if (!before.has(l)) process.off(s, l as () => void);
  }
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Imports main.ts afresh with these app arguments (packaged-style argv: [exe, ...args]). */
async function boot(args: string[]): Promise<void> {
  process.argv = ['/opt/otel-sentry-inspector/otel-sentry-inspector', '--data-dir', dataDir, ...args];
  vi.resetModules();
  await import('../../../electron/shell/main.js');
}

async function bootToWindow(args: string[]) {
  await boot(args);
  await until(() => fake.state.windows.length === 1 && fake.state.windows[0]!.url !== null, 'the window');
  const win = fake.state.windows[0]!;
  const url = new URL(win.url!);
  return { win, url, origin: url.origin };
}

const freePorts = ['--grpc-port', '0', '--http-port', '0', '--ui-port', '0'];

function menuItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? menuItems(i.submenu) : [])]);
}

function busyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      blockers.push(s);
      resolve((s.address() as { port: number }).port);
    });
  });
}

describe('the shell (main.ts) with a fake Electron and the real core', () => {
  it('opens one window on the UI URL with the hardened webPreferences', async () => {
    const { win, url } = await bootToWindow(freePorts);
    expect(win.options).toMatchObject({ width: 1280, height: 800, show: false });
    expect(win.options.webPreferences).toEqual(windowWebPreferences({ devTools: true }));
    expect(fake.state.app.sandboxed).toBe(true);
    expect(url.searchParams.get('token')).toBeTruthy();
    // It is the core's UI, served with the token.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
    // The ready message serve prints, for a terminal.
    expect(logSpy.mock.calls.flat().join('\n')).toContain(url.href);
  });

  it('gives the window the app icon on Linux and Windows: the same file the UI serves as its favicon', async () => {
    const { win, url } = await bootToWindow(freePorts);
    const icon = (win.options as { icon?: string }).icon;
    expect(icon).toBe(join(fake.state.app.getAppPath(), 'dist', 'renderer', 'icon.png'));
    const served = await fetch(new URL('/favicon.ico', url));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(readFileSync(icon!))).toBe(true);
  });

  it('macOS: no window icon (the app bundle has one)', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'darwin' });
    try {
      const { win } = await bootToWindow(freePorts);
      expect(win.options).not.toHaveProperty('icon');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('packaged: no developer tools', async () => {
    fake.state.app.isPackaged = true;
    const { win } = await bootToWindow(freePorts);
    expect(win.options.webPreferences).toEqual(windowWebPreferences({ devTools: false }));
    const roles = menuItems(fake.state.menu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
  });

  it('denies navigation, new windows and webviews; opens only checked https links outside', async () => {
    const { win, origin } = await bootToWindow(freePorts);
    const navigate = (event: string, url: string) => {
      let prevented = false;
      win.webContents.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    for (const event of ['will-frame-navigate', 'will-redirect']) {
      expect(navigate(event, `${origin}/?token=x`)).toBe(false);
      expect(navigate(event, 'https://example.com/')).toBe(true);
      expect(navigate(event, 'http://127.0.0.1:4318/v1/traces')).toBe(true);
      expect(navigate(event, 'https://docs.sentry.io/concepts/otlp/')).toBe(true);
    }
    expect(fake.state.opened).toEqual([
      'https://docs.sentry.io/concepts/otlp/',
      'https://docs.sentry.io/concepts/otlp/',
    ]);

    const open = win.webContents.windowOpenHandler!;
    expect(open({ url: 'https://my-org.sentry.io/issues/1/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: `${origin}/` })).toEqual({ action: 'deny' });
    expect(fake.state.opened.slice(2)).toEqual(['https://my-org.sentry.io/issues/1/']);

    let webviewPrevented = false;
    win.webContents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('denies permissions (except clipboard writes from the app) and requests to other origins; adds a CSP', async () => {
    const { origin } = await bootToWindow(freePorts);
    const request = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) =>
        fake.state.permissionRequest!({}, permission, resolve, { requestingUrl }),
      );
    expect(await request('media', `${origin}/`)).toBe(false);
    expect(await request('notifications', `${origin}/`)).toBe(false);
    expect(await request('clipboard-read', `${origin}/`)).toBe(false);
    expect(await request('clipboard-sanitized-write', `${origin}/`)).toBe(true);
    expect(fake.state.permissionCheck!({}, 'geolocation', origin, { requestingUrl: `${origin}/` })).toBe(
      false,
    );
    expect(fake.state.permissionCheck!({}, 'clipboard-sanitized-write', 'https://evil.com', {})).toBe(false);

    const cancel = (url: string) =>
      new Promise<boolean>((resolve) => fake.state.beforeRequest!({ url }, (r) => resolve(r.cancel)));
    expect(await cancel(`${origin}/assets/app.js`)).toBe(false);
    expect(await cancel('https://fonts.googleapis.com/css')).toBe(true);
    expect(await cancel('http://127.0.0.1:4318/v1/traces')).toBe(true);

    const headers = await new Promise<object>((resolve) =>
      fake.state.headersReceived!(
        { url: `${origin}/x`, responseHeaders: { 'Content-Type': ['text/plain'] } },
        resolve,
      ),
    );
    expect(headers).toEqual({
      responseHeaders: { 'Content-Type': ['text/plain'], 'Content-Security-Policy': [FALLBACK_CSP] },
    });
  });

  it('File › Clear Traces… asks, then clears the store (Cancel keeps it)', async () => {
    const { url } = await bootToWindow(freePorts);
    const token = url.searchParams.get('token')!;
    const api = (path: string, method = 'GET') =>
      fetch(new URL(`/api/v1${path}`, url), { method, headers: { authorization: `Bearer ${token}` } });
    expect((await api('/demo', 'POST')).status).toBe(200);
    const traceCount = async () =>
      ((await (await api('/stats')).json()) as { counters: { traces: number } }).counters.traces;
    const deadline = Date.now() + 5_000;
    while ((await traceCount()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await traceCount()).toBe(1);

    const clear = menuItems(fake.state.menu as MenuItemConstructorOptions[]).find(
      (i) => i.id === 'clear-traces',
    )!;
    fake.state.answers.push(1); // Cancel
    (clear.click as () => void)();
    await until(() => fake.state.messageBoxes.length === 1, 'the confirmation');
    await new Promise((r) => setTimeout(r, 20));
    expect(await traceCount()).toBe(1);

    fake.state.answers.push(0); // Clear
    (clear.click as () => void)();
    await until(() => fake.state.messageBoxes.length === 2, 'the second confirmation');
    const end = Date.now() + 2_000;
    while ((await traceCount()) !== 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await traceCount()).toBe(0);
    expect(fake.state.messageBoxes[1]).toEqual({
      message: 'Clear all traces?',
      buttons: ['Clear', 'Cancel'],
    });
  });

  it('a second launch focuses the window; quitting closes the core first', async () => {
    const { win, url } = await bootToWindow(freePorts);
    fake.state.app.emit('second-instance', {}, []);
    expect(win.focused).toBe(1);

    fake.state.app.quit();
    fake.state.app.quit(); // a second Ctrl+C while closing
    expect(fake.state.quits).toBe(0); // both held back while the core closes
    await until(() => fake.state.quits === 1, 'the quit after the core closed');
    await expect(fetch(url)).rejects.toThrow();
    expect(fake.state.windows).toHaveLength(1);
  });

  it('a second instance exits at once, leaving the first one alone', async () => {
    fake.state.singleInstance = false;
    await boot(freePorts);
    await until(() => fake.state.exits.length === 1, 'exit');
    expect(fake.state.exits).toEqual([0]);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('a receiver port in use: asks, and on "Use a Free Port" starts on another port', async () => {
    const port = await busyPort();
    fake.state.answers.push(0);
    await bootToWindow(['--grpc-port', String(port), '--http-port', '0', '--ui-port', '0']);
    expect(fake.state.messageBoxes).toEqual([
      { message: `Port ${port} (OTLP/gRPC) is already in use.`, buttons: ['Use a Free Port', 'Quit'] },
    ]);
    const ready = logSpy.mock.calls.flat().join('\n');
    expect(ready).not.toContain(`:${port}`);
  });

  it('a receiver port in use: on "Quit" exits 1 naming the port and the flag, with no window', async () => {
    const port = await busyPort();
    fake.state.answers.push(1);
    await boot(['--http-port', String(port), '--grpc-port', '0', '--ui-port', '0']);
    await until(() => fake.state.exits.length === 1, 'exit');
    expect(fake.state.exits).toEqual([1]);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.errorBoxes[0]!.message).toMatch(
      new RegExp(`port ${port} \\(OTLP/HTTP\\).*--http-port`),
    );
  });

  it('the default UI port taken: moves to a free port without asking', async () => {
    // Hold the default UI port (or find it held already: the situation is the same).
    await new Promise<void>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve());
      s.listen(DEFAULT_PORTS.ui, '127.0.0.1', () => {
        blockers.push(s);
        resolve();
      });
    });
    const { url } = await bootToWindow(['--grpc-port', '0', '--http-port', '0']);
    expect(fake.state.messageBoxes).toEqual([]);
    expect(url.port).not.toBe(String(DEFAULT_PORTS.ui));
  });

  it('a UI port the user chose, taken: asks like a receiver port', async () => {
    const port = await busyPort();
    fake.state.answers.push(0);
    const { url } = await bootToWindow(['--grpc-port', '0', '--http-port', '0', `--ui-port=${port}`]);
    expect(fake.state.messageBoxes.map((m) => m.message)).toEqual([`Port ${port} (UI) is already in use.`]);
    expect(url.port).not.toBe(String(port));
  });

  it('listening on another loopback address (127.0.0.2) still opens the window there', async () => {
    // Linux answers on all of 127.0.0.0/8 (macOS only on 127.0.0.1 unless aliased).
    const { url } = await bootToWindow(['--host', '127.0.0.2', ...freePorts]);
    expect(url.hostname).toBe('127.0.0.2');
    expect((await fetch(url)).status).toBe(200);
  });

  it('a bad flag: error dialog naming it, exit code 2, no window', async () => {
    await boot(['--grpc-port', 'abc']);
    await until(() => fake.state.exits.length === 1, 'exit');
    expect(fake.state.exits).toEqual([2]);
    expect(fake.state.errorBoxes[0]!.title).toBe('Bad command-line option');
    expect(fake.state.errorBoxes[0]!.message).toMatch(/--grpc-port/);
    expect(fake.state.windows).toHaveLength(0);
  });
});
