import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type MainIo } from '../../../../electron/core/cli/main.js';
import { parseCommand } from '../../../../electron/core/cli/options.js';

const dirs: string[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const s of blockers.splice(0)) await new Promise((r) => s.close(r));
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'osi-cli-'));
  dirs.push(d);
  return d;
}

interface Captured extends MainIo {
  stdout: string[];
  stderr: string[];
}

function io(untilStop?: Promise<unknown>): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), env: {}, untilStop };
}

const LOCAL = ['--host', '127.0.0.1', '--grpc-port', '0', '--http-port', '0', '--ui-port', '0'];

describe('CLI flags', () => {
  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['serve', '--grpc-port', 'abc'], "--grpc-port must be a port number from 0 to 65535, got 'abc'"],
    [['--http-port', '70000'], "--http-port must be a port number from 0 to 65535, got '70000'"],
    [['--ui-port'], '--ui-port needs a value'],
    [['--max-spans', '-3'], "--max-spans must be a positive integer, got '-3'"],
    [['--max-spans=0'], "--max-spans must be a positive integer, got '0'"],
    [['--max-bytes', 'lots'], "--max-bytes must be a size like 536870912, 512MiB or 1GB, got 'lots'"],
    [['--idle-timeout', '5h'], "--idle-timeout must be a duration like 5000, 5000ms or 5s, got '5h'"],
    [['--token', 'short'], '--token must be 8 to 256 URL-safe characters'],
    [['--json=yes'], '--json takes no value'],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['serve', 'extra'], "unexpected argument 'extra'"],
  ])('%o → exit 2 naming the problem', async (argv, message) => {
    const c = io();
    expect(await main(argv, c)).toBe(2);
    expect(c.stderr.join('\n')).toContain(`otel-sentry-inspector: ${message}`);
    expect(c.stderr.join('\n')).toContain('Usage: otel-sentry-inspector');
    expect(c.stdout).toEqual([]);
  });

  it('parses every option, both --flag value and --flag=value', () => {
    expect(
      parseCommand(
        [
          'serve',
          '--grpc-port=1',
          '--http-port',
          '2',
          '--ui-port',
          '3',
          '--host',
          '0.0.0.0',
          '--host=[::1]',
          '--max-spans',
          '1000',
          '--max-bytes',
          '64MiB',
          '--idle-timeout',
          '2s',
          '--data-dir',
          '/tmp/x',
          '--token',
          'abcdefgh12',
          '--ui-dir',
          '/tmp/ui',
          '--json',
        ],
        {},
      ),
    ).toEqual({
      kind: 'serve',
      options: {
        grpcPort: 1,
        httpPort: 2,
        uiPort: 3,
        hosts: ['0.0.0.0', '::1'],
        maxSpans: 1000,
        maxBytes: 64 * 1024 * 1024,
        idleTimeoutMs: 2000,
        dataDir: '/tmp/x',
        token: 'abcdefgh12',
        uiDir: '/tmp/ui',
        json: true,
      },
    });
  });

  it('takes the token from OTEL_SENTRY_INSPECTOR_TOKEN unless --token is given', () => {
    const env = { OTEL_SENTRY_INSPECTOR_TOKEN: 'from-env-123' };
    expect(parseCommand([], env)).toMatchObject({
      kind: 'serve',
      options: { token: 'from-env-123', grpcPort: 4317 },
    });
    expect(parseCommand(['--token', 'from-flag-1'], env)).toMatchObject({
      options: { token: 'from-flag-1' },
    });
  });

  it('prints help and version', async () => {
    const h = io();
    expect(await main(['--help'], h)).toBe(0);
    expect(h.stdout.join('')).toMatch(/--grpc-port PORT[\s\S]*--json/);
    const v = io();
    expect(await main(['serve', '-V'], v)).toBe(0);
    expect(v.stdout).toEqual(['0.1.0']);
  });
});

describe('CLI serve (in process)', () => {
  it('prints addresses, the UI URL and the settings to paste; stops cleanly', async () => {
    let stop!: () => void;
    const c = io(new Promise<void>((r) => (stop = r)));
    const done = main([...LOCAL, '--data-dir', dataDir(), '--token', 'cli-token-123'], c);
    await until(() => c.stdout.length > 0);
    const text = c.stdout.join('\n');
    const http = /OTLP\/HTTP {2}127\.0\.0\.1:(\d+)/.exec(text)![1];
    const grpc = /OTLP\/gRPC {2}127\.0\.0\.1:(\d+)/.exec(text)![1];
    expect(text).toContain(`export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${http}`);
    expect(text).toContain(`export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${grpc}`);
    expect(text).toContain('export OTEL_EXPORTER_OTLP_PROTOCOL=grpc');
    const ui = /UI {9}(\S+)/.exec(text)![1]!;
    expect(ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=cli-token-123$/);
    const stats = await fetch(ui.replace('/?', '/api/v1/stats?'));
    expect(stats.status).toBe(200);
    stop();
    expect(await done).toBe(0);
  });

  /** Runs serve once with these flags and returns its UI URL. */
  async function uiOf(flags: string[]): Promise<string> {
    let stop!: () => void;
    const c = io(new Promise<void>((r) => (stop = r)));
    const done = main([...LOCAL, '--json', ...flags], c);
    await until(() => c.stdout.length > 0);
    const { ui } = JSON.parse(c.stdout[0]!) as { ui: string };
    stop();
    expect(await done).toBe(0);
    return ui;
  }

  it("keeps its token across restarts (the data dir's token file); --token overrides it without replacing it", async () => {
    const dir = dataDir();
    const first = new URL(await uiOf(['--data-dir', dir])).searchParams.get('token');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, 'token'), 'utf8').trim()).toBe(first);
    expect(new URL(await uiOf(['--data-dir', dir])).searchParams.get('token')).toBe(first);
    expect(
      new URL(await uiOf(['--data-dir', dir, '--token', 'override-123'])).searchParams.get('token'),
    ).toBe('override-123');
    expect(new URL(await uiOf(['--data-dir', dir])).searchParams.get('token')).toBe(first);
    // Another data dir, another token.
    expect(new URL(await uiOf(['--data-dir', dataDir()])).searchParams.get('token')).not.toBe(first);
  });

  it('refuses a token file that holds no token with one line naming it', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'token'), 'x');
    const c = io();
    expect(await main([...LOCAL, '--data-dir', dir], c)).toBe(1);
    expect(c.stderr).toHaveLength(1);
    expect(c.stderr[0]).toContain(`bad token file ${join(dir, 'token')}: it must hold one token`);
  });

  it('takes store limits from settings.json, flags winning', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ maxSpans: 1234, idleTimeoutMs: 777 }));
    let stop!: () => void;
    const c = io(new Promise<void>((r) => (stop = r)));
    const done = main([...LOCAL, '--data-dir', dir, '--json', '--idle-timeout', '2s'], c);
    await until(() => c.stdout.length > 0);
    const ready = JSON.parse(c.stdout[0]!) as { ui: string };
    const stats = (await (await fetch(ready.ui.replace('/?', '/api/v1/stats?'))).json()) as {
      limits: unknown;
    };
    expect(stats.limits).toEqual({ maxSpans: 1234, maxBytes: 512 * 1024 * 1024, idleTimeoutMs: 2000 });
    stop();
    expect(await done).toBe(0);
  });

  it('refuses a bad settings.json with one line naming the field', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ maxSpans: -3 }));
    const c = io();
    expect(await main([...LOCAL, '--data-dir', dir], c)).toBe(1);
    expect(c.stderr).toHaveLength(1);
    expect(c.stderr[0]).toMatch(/settings\.json: maxSpans must be a positive integer.*got -3$/);
  });

  it('reports an address that is not on this machine in one line pointing at --host', async () => {
    const c = io();
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a real interface.
    const code = await main(
      [
        '--host',
        '192.0.2.1',
        '--grpc-port',
        '0',
        '--http-port',
        '0',
        '--ui-port',
        '0',
        '--data-dir',
        dataDir(),
      ],
      c,
    );
    expect(code).toBe(1);
    expect(c.stderr.at(-1)).toMatch(
      /^otel-sentry-inspector: could not start: .*EADDRNOTAVAIL.*check --host\)$/,
    );
    expect(c.stderr[0]).toMatch(/warning: listening on 192\.0\.2\.1/);
    expect(c.stdout).toEqual([]);
  });

  it('reports a port in use in one line naming the flag, exit 1', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      blockers.push(s);
      s.listen({ host: '127.0.0.1', port: 0 }, () => resolve((s.address() as { port: number }).port));
    });
    const c = io();
    const code = await main([...LOCAL, '--http-port', String(port), '--data-dir', dataDir()], c);
    expect(code).toBe(1);
    expect(c.stderr).toEqual([
      `otel-sentry-inspector: port ${port} (OTLP/HTTP) is already in use; choose another with --http-port`,
    ]);
    expect(c.stdout).toEqual([]);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe('CLI serve (spawned process)', () => {
  it('prints exactly one JSON ready line and exits 0 on SIGTERM', async () => {
    const runner = fileURLToPath(new URL('./run-cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', runner, 'serve', '--json', ...LOCAL, '--data-dir', dataDir()],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, OTEL_SENTRY_INSPECTOR_TOKEN: 'spawned-token-1' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await until(() => stdout.includes('\n') || child.exitCode !== null, 20_000);
      const ready = JSON.parse(stdout.trim()) as Record<string, string>;
      expect(Object.keys(ready)).toEqual(['event', 'grpc', 'http', 'ui']);
      expect(ready.event).toBe('ready');
      expect(ready.grpc).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(ready.http).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(ready.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=spawned-token-1$/);
      const res = await fetch(`http://${ready.http}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"resourceSpans":[]}',
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/Error|at .*\(/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
