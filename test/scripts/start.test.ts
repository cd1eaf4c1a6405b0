import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  browserCommand,
  chooseMode,
  electronBinaryPath,
  electronEnv,
  exitCodeOf,
  hasDisplay,
  installFailureDetail,
  splitArgs,
  uiUrlFromLine,
  unavailableMessage,
} from '../../scripts/start-plan.mjs';
import { findElectron, runInstaller } from '../../scripts/start.mjs';

describe('splitArgs', () => {
  it.each([
    [[], { serve: false, build: true, open: true }, []],
    [['serve', '--json'], { serve: false, build: true, open: true }, ['--json']],
    [['--serve'], { serve: true, build: true, open: true }, []],
    [
      ['--no-build', '--json', '--grpc-port', '0', '--no-open'],
      { serve: false, build: false, open: false },
      ['--json', '--grpc-port', '0'],
    ],
    [
      ['--ui-port=5000', '--serve', '--host', '0.0.0.0'],
      { serve: true, build: true, open: true },
      ['--ui-port=5000', '--host', '0.0.0.0'],
    ],
  ])('%j', (argv, options, appArgs) => {
    expect(splitArgs(argv)).toEqual({ options, appArgs });
  });
});

describe('hasDisplay', () => {
  it.each([
    ['darwin', {}, true],
    ['win32', {}, true],
    ['linux', {}, false],
    ['linux', { DISPLAY: '' }, false],
    ['linux', { DISPLAY: ':0' }, true],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, true],
    ['freebsd', {}, false],
  ])('%s %j → %s', (platform, env, expected) => {
    expect(hasDisplay(platform, env)).toBe(expected);
  });
});

describe('electronBinaryPath', () => {
  it.each([
    ['/e', null, {}, null],
    ['/e', '', {}, null],
    ['/e', 'electron', {}, join('/e', 'dist', 'electron')],
    [
      '/e',
      'Electron.app/Contents/MacOS/Electron\n',
      {},
      join('/e', 'dist', 'Electron.app/Contents/MacOS/Electron'),
    ],
    ['/e', 'electron', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/el' }, join('/opt/el', 'electron')],
    ['/e', null, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/el' }, join('/opt/el', 'electron')],
  ])('%s %j %j', (dir, pathTxt, env, expected) => {
    expect(electronBinaryPath(dir, pathTxt, env)).toBe(expected);
  });
});

describe('chooseMode', () => {
  const display = { DISPLAY: ':0' };
  it.each([
    [
      { serveFlag: true, platform: 'darwin', env: {}, binary: '/bin/e' },
      { mode: 'serve', reason: 'the --serve flag was given' },
    ],
    [
      { serveFlag: false, platform: 'linux', env: {}, binary: '/bin/e' },
      { mode: 'serve', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' },
    ],
    [{ serveFlag: false, platform: 'linux', env: display, binary: '/bin/e' }, { mode: 'electron' }],
    [{ serveFlag: false, platform: 'win32', env: {}, binary: 'C:\\e.exe' }, { mode: 'electron' }],
    // An installed binary is used even when downloads are switched off.
    [
      {
        serveFlag: false,
        platform: 'linux',
        env: { ...display, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
        binary: '/bin/e',
      },
      { mode: 'electron' },
    ],
    [
      {
        serveFlag: false,
        platform: 'linux',
        env: { ...display, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
        binary: null,
      },
      { mode: 'serve', reason: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set' },
    ],
    [{ serveFlag: false, platform: 'darwin', env: {}, binary: null }, { mode: 'install' }],
    [
      {
        serveFlag: false,
        platform: 'darwin',
        env: {},
        binary: null,
        install: { ok: false, detail: 'RequestError: getaddrinfo ENOTFOUND github.com' },
      },
      {
        mode: 'serve',
        reason: 'its binary could not be downloaded (RequestError: getaddrinfo ENOTFOUND github.com)',
      },
    ],
    [
      { serveFlag: false, platform: 'darwin', env: {}, binary: null, install: { ok: true, detail: '' } },
      { mode: 'serve', reason: 'its installer finished but no binary was found' },
    ],
    [
      { serveFlag: false, platform: 'darwin', env: {}, binary: '/bin/e', install: { ok: true, detail: '' } },
      { mode: 'electron' },
    ],
  ])('%j', (input, expected) => {
    expect(chooseMode(input)).toEqual(expected);
  });
});

describe('unavailableMessage', () => {
  it('is one line naming Electron and the reason', () => {
    for (const open of [true, false]) {
      const msg = unavailableMessage('no display (neither DISPLAY nor WAYLAND_DISPLAY is set)', open);
      expect(msg).not.toContain('\n');
      expect(msg).toMatch(
        /^Electron is unavailable: no display \(neither DISPLAY nor WAYLAND_DISPLAY is set\); running serve mode/,
      );
      expect(msg.includes('browser instead')).toBe(open);
    }
  });
});

describe('installFailureDetail', () => {
  const base = { stderr: '', code: 1, signal: null, timedOut: false, timeoutMs: 60_000 };
  it.each([
    [{ ...base, timedOut: true, signal: 'SIGKILL', code: null }, 'no answer within 60 s'],
    [
      {
        ...base,
        stderr:
          'RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (x.js:1:1)\n',
      },
      'RequestError: getaddrinfo ENOTFOUND github.com',
    ],
    [{ ...base, stderr: '\n\n   \n' }, 'installer exited with code 1'],
    [{ ...base, code: null, signal: 'SIGTERM' }, 'installer stopped by SIGTERM'],
    [{ ...base, stderr: 'E'.repeat(500) }, `${'E'.repeat(157)}...`],
  ])('%j', (input, expected) => {
    expect(installFailureDetail(input)).toBe(expected);
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:4319/?token=abc';
  const has = () => true;
  const hasNot = () => false;
  it.each([
    ['linux', { BROWSER: 'none', DISPLAY: ':0' }, has, null],
    ['darwin', { BROWSER: 'NONE' }, has, null],
    ['linux', { BROWSER: 'firefox' }, has, { command: 'firefox', args: [url] }],
    ['darwin', {}, has, { command: 'open', args: [url] }],
    ['win32', {}, has, { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] }],
    ['linux', { DISPLAY: ':0' }, has, { command: 'xdg-open', args: [url] }],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, has, { command: 'xdg-open', args: [url] }],
    // No display: xdg-open could start a text browser in the terminal; just print the URL.
    ['linux', {}, has, null],
    ['linux', { DISPLAY: ':0' }, hasNot, null],
  ])('%s %j', (platform, env, which, expected) => {
    expect(browserCommand(url, platform, env, which)).toEqual(expected);
  });
});

describe('uiUrlFromLine', () => {
  it.each([
    [
      '{"event":"ready","grpc":"127.0.0.1:4317","http":"127.0.0.1:4318","ui":"http://127.0.0.1:4319/?token=t1"}',
      'http://127.0.0.1:4319/?token=t1',
    ],
    ['{"event":"receiver","state":"listening"}', null],
    ['  UI:  http://127.0.0.1:51234/?token=0f3a9c  ', 'http://127.0.0.1:51234/?token=0f3a9c'],
    ['Open http://localhost:4319/?token=abc-def_1 in a browser', 'http://localhost:4319/?token=abc-def_1'],
    ['UI http://[::1]:4319/?x=1&token=abc', 'http://[::1]:4319/?x=1&token=abc'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318', null],
    ['http://example.com/?token=abc', null],
    ['{not json http://127.0.0.1:1/?token=z', 'http://127.0.0.1:1/?token=z'],
    ['', null],
  ])('%j', (line, expected) => {
    expect(uiUrlFromLine(line)).toBe(expected);
  });
});

describe('exitCodeOf', () => {
  const signals = { SIGINT: 2, SIGTERM: 15 };
  it.each([
    [0, null, 0],
    [3, null, 3],
    [null, 'SIGTERM', 143],
    [null, 'SIGINT', 130],
    [null, 'SIGWHAT', 1],
    [null, null, 1],
  ])('%s %s → %s', (code, signal, expected) => {
    expect(exitCodeOf(code, signal, signals)).toBe(expected);
  });
});

describe('electronEnv', () => {
  it('drops ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    const env = { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', DISPLAY: ':0' };
    expect(electronEnv(env)).toEqual({ PATH: '/bin', DISPLAY: ':0' });
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});

describe('findElectron and runInstaller (real files and processes)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function tmp(): string {
    const d = mkdtempSync(join(tmpdir(), 'start-'));
    dirs.push(d);
    return d;
  }

  it('finds the binary only when path.txt names an existing file', () => {
    const dir = tmp();
    expect(findElectron(dir, {})).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectron(dir, {})).toBeNull();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectron(dir, {})).toBe(join(dir, 'dist', 'electron'));
  });

  it('reports success of an installer that exits 0', async () => {
    const script = join(tmp(), 'ok.cjs');
    writeFileSync(script, 'console.log("downloaded");');
    await expect(runInstaller(script, 10_000)).resolves.toEqual({ ok: true, detail: '' });
  });

  it('reports the first line of a failing installer, not its stack', async () => {
    const script = join(tmp(), 'fail.cjs');
    writeFileSync(
      script,
      'console.error("RequestError: getaddrinfo ENOTFOUND github.com\\n    at x (y.js:1:1)"); process.exit(1);',
    );
    let slow = 0;
    await expect(runInstaller(script, 10_000, () => slow++, 5_000)).resolves.toEqual({
      ok: false,
      detail: 'RequestError: getaddrinfo ENOTFOUND github.com',
    });
    // A quick failure prints no progress line.
    expect(slow).toBe(0);
  });

  it('stops an installer that hangs at the time limit', async () => {
    const script = join(tmp(), 'hang.cjs');
    writeFileSync(script, 'setInterval(() => {}, 1000);');
    const started = Date.now();
    let slow = 0;
    const result = await runInstaller(script, 500, () => slow++, 100);
    expect(result).toEqual({ ok: false, detail: 'no answer within 1 s' });
    expect(slow).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
