// The decisions behind `npm start`, as pure functions (scripts/start.mjs does the I/O). Tested in
// test/scripts/start.test.ts. Types: start-plan.d.mts.
import { isAbsolute, join } from 'node:path';

/** Flags that belong to `npm start` itself; everything else is passed to the app (Electron or serve). */
const START_FLAGS = {
  '--serve': ['serve', true],
  '--no-build': ['build', false],
  '--no-open': ['open', false],
};

export function splitArgs(argv) {
  const options = { serve: false, build: true, open: true };
  const appArgs = [];
  // `npm start -- serve ...` reads naturally; the command word itself is implied.
  const args = argv[0] === 'serve' ? argv.slice(1) : argv;
  for (const arg of args) {
    const own = START_FLAGS[arg];
    if (own) options[own[0]] = own[1];
    else appArgs.push(arg);
  }
  return { options, appArgs };
}

/** Linux and the BSDs need an X11 or Wayland display for a window; macOS and Windows always have one. */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Where the electron package's binary is, mirroring node_modules/electron/index.js: path.txt names the
 * executable inside dist/ (or inside ELECTRON_OVERRIDE_DIST_PATH). null when path.txt is missing or empty.
 */
export function electronBinaryPath(electronDir, pathTxt, env) {
  const rel = (pathTxt ?? '').trim();
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
  if (!rel) return null;
  return isAbsolute(rel) ? rel : join(electronDir, 'dist', rel);
}

/**
 * Electron or serve mode, cheapest checks first so nothing is downloaded that could not be shown.
 *   binary: the Electron executable if it exists, else null
 *   install: undefined until the installer has been tried, then { ok, detail }
 * Returns { mode: 'electron' } | { mode: 'install' } | { mode: 'serve', reason }.
 */
export function chooseMode({ serveFlag, platform, env, binary, install }) {
  if (serveFlag) return { mode: 'serve', reason: 'the --serve flag was given' };
  if (!hasDisplay(platform, env)) {
    return { mode: 'serve', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  if (binary) return { mode: 'electron' };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { mode: 'serve', reason: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  if (!install) return { mode: 'install' };
  if (install.ok) return { mode: 'serve', reason: 'its installer finished but no binary was found' };
  return { mode: 'serve', reason: `its binary could not be downloaded (${install.detail})` };
}

/** The one line `npm start` prints before falling back. */
export function unavailableMessage(reason, willOpenBrowser) {
  const then = willOpenBrowser
    ? 'running serve mode and opening the UI in your browser instead'
    : 'running serve mode instead; open the UI URL below in a browser';
  return `Electron is unavailable: ${reason}; ${then}.`;
}

/** A short, single-line cause from a failed installer run (its stderr is a stack trace). */
export function installFailureDetail({ stderr, code, signal, timedOut, timeoutMs }) {
  if (timedOut) return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const line = String(stderr ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  if (line) return line.length > 160 ? `${line.slice(0, 157)}...` : line;
  return signal ? `installer stopped by ${signal}` : `installer exited with code ${code}`;
}

/**
 * The command that opens a URL in the default browser, or null where none should be tried. BROWSER
 * follows the common convention: `none` disables opening, any other value is the browser to run.
 * On Linux without a display xdg-open could start a text browser in this terminal, so it is not tried.
 *   which(cmd) -> boolean: whether the command is on PATH
 */
export function browserCommand(url, platform, env, which) {
  const browser = env.BROWSER?.trim();
  if (browser && browser.toLowerCase() === 'none') return null;
  if (browser) return { command: browser, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // Not `cmd /c start`: cmd would need its own quoting of & in the URL; this hands the URL over as is.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  if (!hasDisplay(platform, env)) return null;
  return which('xdg-open') ? { command: 'xdg-open', args: [url] } : null;
}

const UI_URL = /\bhttps?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/\S*[?&]token=[^\s"'<>]+/;

/**
 * The UI URL from one line of serve mode's output: the `ui` of the `--json` ready event, or the first
 * loopback URL carrying a token in the human-readable output. null when the line has none.
 */
export function uiUrlFromLine(line) {
  const text = line.trim();
  if (text.startsWith('{')) {
    try {
      const msg = JSON.parse(text);
      if (msg && msg.event === 'ready' && typeof msg.ui === 'string') return msg.ui;
    } catch {
      // Not JSON after all: fall through to the text form.
    }
  }
  const m = UI_URL.exec(text);
  return m ? m[0] : null;
}

/** Exit code for a child that ended with `code` or by `signal` (the shell convention 128 + n). */
export function exitCodeOf(code, signal, signals) {
  if (code !== null && code !== undefined) return code;
  const n = signal ? signals[signal] : undefined;
  return typeof n === 'number' ? 128 + n : 1;
}

/**
 * The environment Electron is launched with: ELECTRON_RUN_AS_NODE would make the binary behave as plain
 * Node and ignore the app, so a value inherited from the user's shell is dropped.
 */
export function electronEnv(env) {
  const out = { ...env };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}

/**
 * What `npm start` builds, and from what: a target is rebuilt when any file under its inputs changed
 * (size or modification time), appeared or disappeared since its last build, or its output is missing.
 */
export const BUILD_TARGETS = [
  {
    name: 'core',
    script: 'build:node',
    tool: 'tsc',
    inputs: ['electron', 'shared', 'tsconfig.node.json', 'tsconfig.base.json', 'package-lock.json'],
    output: 'dist/electron/core/cli/main.js',
  },
  {
    name: 'UI',
    script: 'build:web',
    tool: 'vite',
    inputs: [
      'renderer',
      'shared',
      'vite.config.ts',
      'build/icon.png',
      'tsconfig.web.json',
      'tsconfig.base.json',
      'package-lock.json',
    ],
    output: 'dist/renderer/index.html',
  },
];

/** The stamp's format; a different one (or none) means "no earlier build". */
export const STAMP_VERSION = 1;

/** Files added, removed or changed between two snapshots ({ relPath: "size:mtimeMs" }), sorted. */
export function changedFiles(before, now) {
  const out = [];
  for (const [path, sig] of Object.entries(now)) if (before[path] !== sig) out.push(path);
  for (const path of Object.keys(before)) if (!(path in now)) out.push(path);
  return out.sort();
}

/**
 * Which targets to build and why. `snapshots` holds each target's current input files, `stamp` what they
 * were at its last successful build (from the stamp file; null when there is none), `outputExists` checks
 * a target's output file.
 */
export function planBuild(targets, snapshots, stamp, outputExists) {
  const plan = [];
  const last = stamp && stamp.version === STAMP_VERSION ? (stamp.targets ?? {}) : {};
  for (const target of targets) {
    const before = last[target.name];
    if (!before) plan.push({ target, reason: 'no earlier build' });
    else if (!outputExists(target.output)) plan.push({ target, reason: `${target.output} is missing` });
    else {
      const changed = changedFiles(before, snapshots[target.name]);
      if (changed.length === 0) continue;
      const shown =
        changed.slice(0, 3).join(', ') + (changed.length > 3 ? `, +${changed.length - 3} more` : '');
      plan.push({
        target,
        reason: `${changed.length} file${changed.length === 1 ? '' : 's'} changed (${shown})`,
      });
    }
  }
  return plan;
}

/** The stamp after building `built` targets from these snapshots; other targets keep their entries. */
export function nextStamp(stamp, snapshots, built) {
  const targets = stamp && stamp.version === STAMP_VERSION ? { ...stamp.targets } : {};
  for (const name of built) targets[name] = snapshots[name];
  return { version: STAMP_VERSION, targets };
}

/** Seconds with one decimal, for the progress lines. */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
