// `npm start` end to end where Electron cannot run (this machine: no display, no Electron binary): the
// real scripts/start.mjs falls back to serve mode from dist/. Needs `npm run build` first (npm test builds
// before it runs the unit tests).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const startScript = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));
const builtCli = fileURLToPath(new URL('../../dist/electron/core/cli/main.js', import.meta.url));

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line that is JSON with event "ready". */
  ready: Promise<{ event: string; grpc: string; http: string; ui: string }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Run[] = [];
// Serve mode reads settings.json from the per-user config folder: point it at an empty one.
const configHome = mkdtempSync(join(tmpdir(), 'start-config-'));
const tmpDirs: string[] = [];

function start(args: string[], env: Record<string, string | undefined>): Run {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    XDG_CONFIG_HOME: configHome,
    ...env,
  };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  // detached: its own process group, so cleanup can stop serve mode too if the test fails midway.
  const child = spawn(process.execPath, [startScript, '--no-build', ...args], {
    cwd: root,
    env: childEnv as NodeJS.ProcessEnv,
    detached: true,
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<Run['ready'] extends Promise<infer T> ? T : never>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => {
      stdout.push(l);
      try {
        const msg = JSON.parse(l);
        if (msg?.event === 'ready') resolve(msg);
      } catch {
        // Not a JSON line.
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`start.mjs exited (${code ?? signal}) before ready:\n${stderr.join('\n')}`)),
    );
  });
  // A run that ends before ready (a bad flag) is awaited through `exited`; keep that rejection handled.
  ready.catch(() => {});
  const run = { child, stdout, stderr, ready, exited };
  running.push(run);
  return run;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms),
    ),
  ]);
}

function portIsClosed(hostPort: string): Promise<boolean> {
  const i = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(hostPort.slice(i + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

afterAll(() => rmSync(configHome, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(builtCli))
    throw new Error(`${builtCli} is missing: run \`npm run build\` before this test.`);
});

afterEach(async () => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await run.exited;
    }
  }
});

const noDisplay = { DISPLAY: undefined, WAYLAND_DISPLAY: undefined, BROWSER: 'none' };
const ports = ['--json', '--grpc-port', '0', '--http-port', '0', '--ui-port', '0'];

describe('npm start without Electron', () => {
  it('says so in one line, serves the UI, and stops cleanly on SIGTERM', async () => {
    const run = start(ports, noDisplay);
    const ready = await within(run.ready, 20_000, 'serve mode ready line');

    const notices = run.stderr.filter((l) => l.includes('Electron is unavailable'));
    expect(notices).toEqual([
      'Electron is unavailable: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); ' +
        'running serve mode instead; open the UI URL below in a browser.',
    ]);
    // stdout carries only serve mode's JSON lines, so scripts can parse it.
    for (const line of run.stdout) expect(() => JSON.parse(line)).not.toThrow();

    const ui = new URL(ready.ui);
    expect(['localhost', '127.0.0.1', '[::1]']).toContain(ui.hostname);
    expect(ui.searchParams.get('token')).toBeTruthy();
    const page = await fetch(ui);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);

    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
    // Serve mode (start.mjs's child) is gone too: nothing listens any more.
    for (const address of [ui.host, ready.grpc, ready.http]) expect(await portIsClosed(address)).toBe(true);
  });

  it('--serve skips Electron even where a display exists, and passes the other flags on', async () => {
    const run = start(['--serve', ...ports], { DISPLAY: ':99', BROWSER: 'none' });
    const ready = await within(run.ready, 20_000, 'serve mode ready line');
    expect(run.stderr.filter((l) => l.includes('Electron is unavailable'))).toEqual([
      'Electron is unavailable: the --serve flag was given; running serve mode instead; open the UI URL below in a browser.',
    ]);
    expect(ready.grpc).not.toMatch(/:4317$/);
    expect(ready.http).not.toMatch(/:4318$/);
    run.child.kill('SIGINT');
    expect(await within(run.exited, 10_000, 'exit after SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('opens the UI URL from the human-readable output in the browser BROWSER names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'start-browser-'));
    tmpDirs.push(dir);
    const browser = join(dir, 'browser.sh');
    const opened = join(dir, 'opened.txt');
    writeFileSync(browser, `#!/bin/sh\necho "$@" > '${opened}'\n`, { mode: 0o755 });
    const run = start(['--serve', '--grpc-port', '0', '--http-port', '0', '--ui-port', '0'], {
      DISPLAY: ':99',
      BROWSER: browser,
    });
    const deadline = Date.now() + 20_000;
    while (!existsSync(opened) || readFileSync(opened, 'utf8') === '') {
      if (Date.now() > deadline) throw new Error(`the browser was not opened:\n${run.stderr.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = readFileSync(opened, 'utf8').trim();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/\?token=\S+$/);
    expect(run.stdout.join('\n')).toContain(url);
    expect(run.stderr[0]).toBe(
      'Electron is unavailable: the --serve flag was given; running serve mode and opening the UI in your browser instead.',
    );
    expect((await fetch(url)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('passes a bad flag to serve mode, which names it, and exits non-zero', async () => {
    const run = start(['--grpc-port', 'abc'], noDisplay);
    const { code } = await within(run.exited, 20_000, 'exit on a bad flag');
    expect(code).not.toBe(0);
    expect(run.stderr.join('\n')).toMatch(/--grpc-port/);
  });
});

describe('npm start with an Electron binary (a stand-in script, via ELECTRON_OVERRIDE_DIST_PATH)', () => {
  function fakeElectron(body: string, mode = 0o755): { dir: string; log: string } {
    const dir = mkdtempSync(join(tmpdir(), 'start-electron-'));
    tmpDirs.push(dir);
    const log = join(dir, 'log.txt');
    writeFileSync(join(dir, 'electron'), `#!/bin/sh\n${body.replaceAll('LOG', `'${log}'`)}\n`, { mode });
    return { dir, log };
  }

  it('launches it on the package with the app flags, without ELECTRON_RUN_AS_NODE, and returns its exit code', async () => {
    const { dir, log } = fakeElectron(
      'echo "$@" > LOG; echo "run_as_node=${ELECTRON_RUN_AS_NODE:-unset}" >> LOG; exit 7',
    );
    const run = start(['--grpc-port', '0', '--json'], {
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      ELECTRON_RUN_AS_NODE: '1',
      BROWSER: 'none',
    });
    expect(await within(run.exited, 10_000, 'exit')).toEqual({ code: 7, signal: null });
    expect(readFileSync(log, 'utf8').split('\n')).toEqual([
      `${root.replace(/\/$/, '')} --grpc-port 0 --json`,
      'run_as_node=unset',
      '',
    ]);
    expect(run.stderr.join('\n')).not.toContain('Electron is unavailable');
  });

  it('forwards SIGTERM to Electron', async () => {
    const { dir, log } = fakeElectron(
      "trap 'echo stopped-by-TERM > LOG; exit 0' TERM\necho started > LOG\nwhile true; do sleep 0.05; done",
    );
    const run = start([], { DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dir, BROWSER: 'none' });
    await within(
      (async () => {
        while (!existsSync(log)) await new Promise((r) => setTimeout(r, 20));
      })(),
      10_000,
      'Electron stand-in start',
    );
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
    expect(readFileSync(log, 'utf8')).toBe('stopped-by-TERM\n');
  });

  it('falls back to serve mode when the binary exists but cannot be run', async () => {
    const { dir } = fakeElectron('exit 0', 0o644);
    const run = start(ports, { DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: dir, BROWSER: 'none' });
    await within(run.ready, 20_000, 'serve mode ready line');
    expect(run.stderr.filter((l) => l.includes('Electron is unavailable'))).toEqual([
      `Electron is unavailable: its binary could not be started (spawn ${join(dir, 'electron')} EACCES); running serve mode instead; open the UI URL below in a browser.`,
    ]);
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
