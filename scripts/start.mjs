#!/usr/bin/env node
// `npm start`: build what changed since the last start (saying what and why), then open the desktop app;
// where Electron cannot run here, say so in one line and run serve mode with the same UI in the default
// browser instead.
//   npm start [-- --serve] [--no-build] [--no-open] [serve flags: --grpc-port N --http-port N --ui-port N ...]
// --serve, --no-build and --no-open belong to this script; every other flag goes to the app. BROWSER=none
// (or --no-open) keeps the browser closed, e.g. in tests. Output: the app's stdout is passed through as is
// (so `--json` still yields one JSON line per event); this script's own messages and the build's output go
// to stderr. The decisions are pure functions in start-plan.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  BUILD_TARGETS,
  browserCommand,
  chooseMode,
  electronBinaryPath,
  electronEnv,
  exitCodeOf,
  installFailureDetail,
  nextStamp,
  planBuild,
  seconds,
  splitArgs,
  uiUrlFromLine,
  unavailableMessage,
} from './start-plan.mjs';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = join(PACKAGE_DIR, 'node_modules', 'electron');
const CLI_BIN = join(PACKAGE_DIR, 'bin', 'otel-sentry-inspector.js');
/** What each target's inputs were at its last successful build (see start-plan.mjs BUILD_TARGETS). */
export const BUILD_STAMP = 'dist/.start-build.json';
/** Electron's installer downloads ~100 MB from GitHub; where the network is closed it must not hang. */
const INSTALL_TIMEOUT_MS = 60_000;
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The Electron executable if it is installed, else null. */
export function findElectron(electronDir = ELECTRON_DIR, env = process.env) {
  let pathTxt = null;
  try {
    pathTxt = readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    // Not installed (npm skipped its postinstall, or the download failed).
  }
  const binary = electronBinaryPath(electronDir, pathTxt, env);
  return binary && existsSync(binary) ? binary : null;
}

/**
 * Runs an installer script (Electron's own install.js) with a time limit; its output is kept, not
 * printed, because on failure it is a stack trace and the user gets one line instead.
 */
export function runInstaller(
  script,
  timeoutMs = INSTALL_TIMEOUT_MS,
  onSlow = () => undefined,
  slowMs = 3000,
) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stdout.resume();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    // A closed network fails within a second and needs no progress line; a real download takes a while.
    const slowTimer = setTimeout(onSlow, slowMs);
    const finish = (code, signal, extra = '') => {
      clearTimeout(timer);
      clearTimeout(slowTimer);
      const ok = !timedOut && code === 0;
      resolvePromise({
        ok,
        detail: ok ? '' : installFailureDetail({ stderr: stderr + extra, code, signal, timedOut, timeoutMs }),
      });
    };
    child.on('error', (err) => finish(null, null, String(err.message)));
    child.on('exit', (code, signal) => finish(code, signal));
  });
}

function onPath(command) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && exts.some((ext) => existsSync(join(dir, command + ext))));
}

function openInBrowser(url) {
  const cmd = browserCommand(url, process.platform, process.env, onPath);
  if (!cmd) return;
  try {
    const child = spawn(cmd.command, cmd.args, { stdio: 'ignore', detached: true });
    child.on('error', () =>
      console.error(`Could not open a browser (${cmd.command}); open ${url} yourself.`),
    );
    child.unref();
  } catch {
    console.error(`Could not open a browser (${cmd.command}); open ${url} yourself.`);
  }
}

/**
 * Runs a child to completion, forwarding our termination signals to it. Resolves { code } when it ends,
 * or { code: 1, error } when it could not be started at all.
 */
function supervise(child) {
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  // If this script dies anyway (an uncaught error), the child must not outlive it.
  const orphanGuard = () => forward('SIGTERM');
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  process.on('exit', orphanGuard);
  return new Promise((resolvePromise) => {
    const done = (result) => {
      for (const s of FORWARDED_SIGNALS) process.off(s, forward);
      process.off('exit', orphanGuard);
      resolvePromise(result);
    };
    child.on('error', (error) => done({ code: 1, error }));
    child.on('exit', (code, signal) => done({ code: exitCodeOf(code, signal, osConstants.signals) }));
  });
}

/** Files under `inputs` (files or folders, relative to `root`) → "size:mtimeMs"; missing inputs are skipped. */
export function snapshotInputs(root, inputs) {
  const out = {};
  const visit = (rel) => {
    let st;
    try {
      st = statSync(join(root, rel));
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(join(root, rel))) if (name !== 'node_modules') visit(`${rel}/${name}`);
    } else out[rel] = `${st.size}:${Math.trunc(st.mtimeMs)}`;
  };
  for (const input of inputs) visit(input);
  return out;
}

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs one package.json script (`npm run <script> --silent`) in `cwd`, its output on our stderr. */
function runScript(script, cwd) {
  // npm_execpath is npm's own CLI when run as `npm start`; spawn it with this Node to avoid a shell.
  const npmCli = process.env.npm_execpath;
  const child = npmCli
    ? spawn(process.execPath, [npmCli, 'run', script, '--silent'], {
        cwd,
        stdio: ['ignore', 2, 2],
      })
    : spawn('npm', ['run', script, '--silent'], {
        cwd,
        stdio: ['ignore', 2, 2],
        shell: process.platform === 'win32',
      });
  return supervise(child);
}

/**
 * Builds only the targets whose inputs changed since their last build (in parallel), saying what and why;
 * when nothing changed, one line and no build at all. Resolves like supervise(): { code, error? }.
 */
export async function buildWhatChanged(root = PACKAGE_DIR, say = (line) => console.error(line)) {
  const started = performance.now();
  const stampFile = join(root, BUILD_STAMP);
  const stamp = readStamp(stampFile);
  const snapshots = Object.fromEntries(BUILD_TARGETS.map((t) => [t.name, snapshotInputs(root, t.inputs)]));
  const plan = planBuild(BUILD_TARGETS, snapshots, stamp, (rel) => existsSync(join(root, rel)));
  if (plan.length === 0) {
    const files = new Set(Object.values(snapshots).flatMap((s) => Object.keys(s))).size;
    say(
      `npm start: the build is up to date (${files} files checked in ${Math.round(performance.now() - started)} ms).`,
    );
    return { code: 0 };
  }
  for (const { target, reason } of plan)
    say(`npm start: building the ${target.name} (${target.tool}): ${reason}...`);
  const results = await Promise.all(
    plan.map(async ({ target }) => {
      const t0 = performance.now();
      const result = await runScript(target.script, root);
      if (result.code === 0)
        say(`npm start: built the ${target.name} in ${seconds(performance.now() - t0)}.`);
      return { target, ...result };
    }),
  );
  const built = results.filter((r) => r.code === 0).map((r) => r.target.name);
  // Only what built is stamped: a failed target is tried again next time.
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, JSON.stringify(nextStamp(stamp, snapshots, built)));
  return results.find((r) => r.code !== 0) ?? { code: 0 };
}

function runElectron(binary, appArgs) {
  const child = spawn(binary, [PACKAGE_DIR, ...appArgs], {
    cwd: PACKAGE_DIR,
    stdio: 'inherit',
    env: electronEnv(process.env),
  });
  return supervise(child);
}

function runServe(appArgs, openBrowser) {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', ...appArgs], {
    cwd: PACKAGE_DIR,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let opened = !openBrowser;
  // Our stdout may be a pipe that closes early (`npm start | head`); serve mode keeps running regardless.
  let stdoutOpen = true;
  process.stdout.on('error', () => (stdoutOpen = false));
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
    if (stdoutOpen) process.stdout.write(`${line}\n`);
    if (opened) return;
    const url = uiUrlFromLine(line);
    if (url) {
      opened = true;
      openInBrowser(url);
    }
  });
  return supervise(child);
}

async function main(argv) {
  const { options, appArgs } = splitArgs(argv);
  if (options.build) {
    const { code, error } = await buildWhatChanged();
    if (code !== 0) {
      console.error(`npm start: the build failed (${error ? error.message : `exit code ${code}`}).`);
      return code;
    }
  }
  const input = {
    serveFlag: options.serve,
    platform: process.platform,
    env: process.env,
    binary: findElectron(),
  };
  let decision = chooseMode(input);
  if (decision.mode === 'install') {
    const install = await runInstaller(join(ELECTRON_DIR, 'install.js'), INSTALL_TIMEOUT_MS, () =>
      console.error(`Downloading Electron's binary (once; up to ${INSTALL_TIMEOUT_MS / 1000} s)...`),
    );
    decision = chooseMode({ ...input, binary: findElectron(), install });
  }
  if (decision.mode === 'electron') {
    const { code, error } = await runElectron(findElectron(), appArgs);
    if (!error) return code;
    // Found but not runnable (wrong architecture, no execute permission...): same fallback.
    decision = { mode: 'serve', reason: `its binary could not be started (${error.message})` };
  }
  const willOpen =
    options.open && browserCommand('http://127.0.0.1/', process.platform, process.env, onPath) !== null;
  console.error(unavailableMessage(decision.reason, willOpen));
  const { code, error } = await runServe(appArgs, options.open);
  if (error) console.error(`npm start: could not start serve mode: ${error.message}`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
