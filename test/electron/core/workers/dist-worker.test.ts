// The worker pool from the compiled app, as users run it: `bin/otel-sentry-inspector.js serve` from dist/
// must find task-worker.js next to worker-pool.js and answer a Sentry preview through it. Needs
// `npm run build` first (npm test builds before it runs the unit tests).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { oneSpanRequest, toOtlpJson } from '../../../helpers/otlp-payloads.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'bin', 'otel-sentry-inspector.js');
const builtWorker = join(root, 'dist', 'electron', 'core', 'workers', 'task-worker.js');
const dataDir = mkdtempSync(join(tmpdir(), 'osi-dist-worker-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('worker pool from dist/', () => {
  it('serves a Sentry preview computed by the compiled worker', async () => {
    expect(existsSync(builtWorker), `${builtWorker} is missing: run npm run build first`).toBe(true);
    const child = spawn(
      process.execPath,
      [
        bin,
        'serve',
        '--json',
        '--host',
        '127.0.0.1',
        '--grpc-port',
        '0',
        '--http-port',
        '0',
        '--ui-port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: dataDir } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const end = Date.now() + 20_000;
      while (!stdout.includes('\n') && child.exitCode === null && Date.now() < end)
        await new Promise((r) => setTimeout(r, 20));
      const ready = JSON.parse(stdout.trim()) as { http: string; ui: string };
      const ui = new URL(ready.ui);
      const body = toOtlpJson(oneSpanRequest()) as {
        resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
      };
      const post = await fetch(`http://${ready.http}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(post.status).toBe(200);
      const traceId = body.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId.toLowerCase();
      const preview = await fetch(`${ui.origin}/api/v1/traces/${traceId}/sentry${ui.search}`);
      expect(preview.status).toBe(200);
      const json = (await preview.json()) as { traceId: string; transactions: unknown[] };
      expect(json.traceId).toBe(traceId);
      expect(json.transactions).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
