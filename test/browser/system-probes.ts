// The real probes for find-browser.ts (file system, playwright-core's registry, child processes), and
// `resolveBrowser()`: the one entry point the e2e tests, `bench:ui` and `screenshots` use.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser, type BrowserProbes, type CommandResult, type FoundBrowser } from './find-browser.js';

/** Set by the e2e global setup once the chain has run, so each test file doesn't run it again. */
const RESOLVED_ENV = 'INSPECTOR_E2E_BROWSER';

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The Chromium playwright-core would launch by default, then other revisions in the same registry
 * folder (an older `playwright install` works as well), newest first.
 */
function managedBrowsers(): string[] {
  let expected: string;
  try {
    expected = chromium.executablePath();
  } catch {
    return [];
  }
  const found = isFile(expected) ? [expected] : [];
  // …/ms-playwright/chromium-1255/chrome-linux64/chrome: the registry is the parent of `chromium-<rev>`.
  let revDir = dirname(expected);
  while (!/^chromium-\d+$/.test(basename(revDir)) && dirname(revDir) !== revDir) revDir = dirname(revDir);
  if (!/^chromium-\d+$/.test(basename(revDir))) return found;
  const registry = dirname(revDir);
  const inside = relative(revDir, expected);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(registry).filter((n) => /^chromium-\d+$/.test(n));
  } catch {
    return found;
  }
  const others = siblings
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]))
    .map((n) => join(registry, n, inside))
    .filter((p) => p !== expected && isFile(p));
  return [...found, ...others];
}

/** Runs without a shell; keeps the last lines of output for the error message. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((done) => {
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    };
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const lastLines = () =>
      tail
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .slice(-3)
        .map((l) => l.trim())
        .join(' | ');
    child.on('error', (e) => done({ ok: false, detail: `could not run ${command}: ${e.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) return done({ ok: true, detail: '' });
      const why = signal
        ? `stopped after ${Math.round(timeoutMs / 1000)} s (${signal})`
        : `exit code ${code}`;
      done({ ok: false, detail: `${why}${tail ? `: ${lastLines()}` : ''}` });
    });
  });
}

function systemProbes(): BrowserProbes {
  return {
    platform: process.platform,
    env: process.env,
    homedir: homedir(),
    isFile,
    managedBrowsers,
    run,
    osRelease: () => {
      try {
        return readFileSync('/etc/os-release', 'utf8');
      } catch {
        return '';
      }
    },
    isRoot: () => process.getuid?.() === 0,
    note: (message) => process.stderr.write(`browser: ${message}\n`),
  };
}

let memo: Promise<FoundBrowser> | undefined;

function parseResolved(raw: string | undefined): FoundBrowser | undefined {
  try {
    const v = JSON.parse(raw ?? '') as Partial<FoundBrowser>;
    return typeof v.executablePath === 'string' && typeof v.source === 'string'
      ? (v as FoundBrowser)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The browser for this process (the chain runs at most once per process tree). */
export function resolveBrowser(): Promise<FoundBrowser> {
  const already = parseResolved(process.env[RESOLVED_ENV]);
  if (already && isFile(already.executablePath)) return Promise.resolve(already);
  memo ??= findBrowser(systemProbes(), {
    nodePath: process.execPath,
    playwrightCli: join(
      dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')),
      'cli.js',
    ),
  }).then((found) => {
    process.env[RESOLVED_ENV] = JSON.stringify(found);
    return found;
  });
  return memo;
}
