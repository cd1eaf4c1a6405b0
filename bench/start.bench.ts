// `npm start` to a reachable UI, cold and warm (issue 13: warm ≤ 2 s). Each run spawns the real start
// script in serve mode (--serve: no Electron on a display-less machine; the build check and the core are
// the same either way) on free ports with a throw-away data dir, and stops the clock when the UI page and
// an authenticated API call both answer 200. Then it stops the app (SIGTERM) and waits for it to exit.
//   baseline  the CLI's serve alone (bin/otel-sentry-inspector.js serve): the floor, no build check
//   warm      node scripts/start.mjs, nothing changed since the last build
//   npm warm  npm start (what a user types), nothing changed: warm + npm's own start-up
//   UI edit   one renderer file touched: the UI is rebuilt, the core is not
//   cold      no earlier build recorded (dist/.start-build.json removed): both targets rebuilt
// Run: npm run bench:start [-- --runs N]   (prints JSON; figures go to docs/benchmarks.md)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** The package root: the nearest folder up from this file whose package.json is this app's. */
function packageRoot(): string {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'otel-sentry-inspector'
    )
      return dir;
  }
  throw new Error('package root not found');
}

const ROOT = packageRoot();
const STAMP = join(ROOT, 'dist', '.start-build.json');
const TOUCHED = join(ROOT, 'renderer', 'src', 'main.tsx');
const FLAGS = ['--json', '--grpc-port', '0', '--http-port', '0', '--ui-port', '0', '--host', '127.0.0.1'];
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

/** Spawns a start command; resolves with ms from spawn to a reachable UI and the start script's stderr. */
async function timeToUi(command: string, args: string[]): Promise<{ ms: number; stderr: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'start-bench-'));
  const t0 = performance.now();
  const child = spawn(command, [...args, '--data-dir', dataDir, ...FLAGS], {
    cwd: ROOT,
    env: { ...process.env, BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, stopped as a whole below: `npm start` runs the app as a grandchild behind a
    // shell that does not pass SIGTERM on, so signalling npm alone would orphan the app (as a terminal's
    // Ctrl-C reaches the whole foreground group, a user's never is).
    detached: true,
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // 'close' comes once every process holding its pipes (npm's grandchildren too) has gone.
  const closed = new Promise<void>((r) => child.once('close', () => r()));
  try {
    const ui = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const msg = JSON.parse(line) as { event?: string; ui?: string };
          if (msg.event === 'ready' && msg.ui) resolve(msg.ui);
        } catch {
          // not the JSON line
        }
      });
      void exited.then(() => reject(new Error(`exited before ready:\n${stderr.join('\n')}`)));
    });
    const url = new URL(ui);
    const token = url.searchParams.get('token')!;
    const [page, api] = await Promise.all([
      fetch(new URL('/', url)),
      fetch(new URL('/api/v1/receivers', url), { headers: { Authorization: `Bearer ${token}` } }),
    ]);
    await Promise.all([page.arrayBuffer(), api.arrayBuffer()]);
    if (page.status !== 200 || api.status !== 200) throw new Error(`UI ${page.status}, API ${api.status}`);
    return { ms: performance.now() - t0, stderr };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await closed;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const node = process.execPath;
const START = [join(ROOT, 'scripts', 'start.mjs'), '--serve', '--no-open'];
const npmCli = process.env.npm_execpath;
const NPM: [string, string[]] = npmCli
  ? [node, [npmCli, 'start', '--silent', '--', '--serve', '--no-open']]
  : ['npm', ['start', '--silent', '--', '--serve', '--no-open']];

async function series(name: string, runs: number, before: () => void, command: string, args: string[]) {
  const times: number[] = [];
  let said: string[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const { ms, stderr } = await timeToUi(command, args);
    times.push(ms);
    said = stderr.filter((l) => l.startsWith('npm start:'));
    process.stderr.write(`${name} #${i + 1}: ${Math.round(ms)} ms\n`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: Math.round(sorted[0]!),
    maxMs: Math.round(sorted.at(-1)!),
    runs,
    says: said,
  };
}

const nothing = () => undefined;
const touch = () => {
  const now = new Date();
  utimesSync(TOUCHED, now, now);
};
const forget = () => rmSync(STAMP, { force: true });

// One untimed start first, so "warm" means warm (it builds whatever is stale now).
await timeToUi(node, START);
const baseline = await series('baseline', RUNS, nothing, node, [
  join(ROOT, 'bin', 'otel-sentry-inspector.js'),
  'serve',
]);
const warm = await series('warm', RUNS, nothing, node, START);
const npmWarm = await series('npm warm', RUNS, nothing, ...NPM);
const uiEdit = await series('UI edit', Math.min(RUNS, 2), touch, node, START);
const cold = await series('cold', Math.min(RUNS, 2), forget, node, START);

const TARGET_MS = 2000;
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
      baseline,
      warm,
      npmWarm,
      uiEdit,
      cold,
      warmOverBaseline: Math.round((warm.medianMs / baseline.medianMs) * 100) / 100,
      target: `warm start to a reachable UI ≤ ${TARGET_MS} ms`,
      verdict: {
        warm: warm.medianMs <= TARGET_MS ? 'PASS' : 'FAIL',
        npmWarm: npmWarm.medianMs <= TARGET_MS ? 'PASS' : 'FAIL',
      },
    },
    null,
    2,
  ),
);
