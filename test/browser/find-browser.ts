// Finds (or fetches) a Chromium-family browser for playwright-core, the way Playwright users expect:
//   1. CHROMIUM_PATH           (a path to a missing file is reported and skipped, not fatal)
//   2. a browser Playwright already manages (its registry, e.g. ~/.cache/ms-playwright)
//   3. an installed Chrome, Chromium or Edge at the usual Linux/macOS/Windows places, or on PATH
//   4. `playwright install chromium` (playwright-core's own CLI; bounded by a timeout)
//   5. on Debian/Ubuntu as root: `apt-get update && apt-get install -y chromium`
// Only when every way fails is there an error, naming each way tried and how to get a browser.
// All I/O goes through `BrowserProbes` so the chain is unit-tested table-driven (system-probes.ts is real).
import { posix, win32 } from 'node:path';

export interface CommandResult {
  ok: boolean;
  /** Why it failed (exit code, timeout, last lines of output); empty when ok. */
  detail: string;
}

export interface BrowserProbes {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** True when `path` is an existing regular file (or app bundle binary). */
  isFile(path: string): boolean;
  /** Executables Playwright manages that exist on disk, best first. */
  managedBrowsers(): string[];
  /** Runs a command (no shell), bounded by `timeoutMs`. */
  run(command: string, args: readonly string[], timeoutMs: number): Promise<CommandResult>;
  /** Content of /etc/os-release, or '' when there is none. */
  osRelease(): string;
  isRoot(): boolean;
  /** Progress notes ("CHROMIUM_PATH … does not exist; trying …"), printed to stderr by the real probes. */
  note(message: string): void;
}

type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'installed' | 'playwright install' | 'apt-get';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
}

/** Bounds for the two downloads; the Playwright one fails in seconds when its host is unreachable. */
const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 180_000;
const APT_TIMEOUT_MS = 600_000;

/** Where Chrome, Chromium and Edge install themselves, per platform, best first. */
export function installedCandidates(
  platform: NodeJS.Platform,
  env: BrowserProbes['env'],
  home: string,
): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
      (r): r is string => !!r,
    );
    const apps = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ];
    return apps.flatMap((app) => roots.map((root) => win32.join(root, ...app)));
  }
  if (platform === 'darwin') {
    const bundles = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    return bundles.flatMap((b) => [posix.join('/Applications', b), posix.join(home, 'Applications', b)]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
    '/snap/bin/chromium',
  ];
}

/** The same browsers looked up on PATH (e.g. a Chromium from Homebrew, Nix or Scoop). */
export function pathCandidates(platform: NodeJS.Platform, env: BrowserProbes['env']): string[] {
  const win = platform === 'win32';
  const path = win ? win32 : posix;
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter(Boolean);
  const names = win
    ? ['chrome.exe', 'msedge.exe', 'chromium.exe']
    : ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'chrome'];
  return names.flatMap((name) => dirs.map((dir) => path.join(dir, name)));
}

/** Debian, Ubuntu and their derivatives (ID or ID_LIKE in /etc/os-release). */
export function isDebianLike(osRelease: string): boolean {
  const field = (key: string) =>
    new RegExp(`^${key}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1]?.toLowerCase().split(/\s+/) ?? [];
  return [...field('ID'), ...field('ID_LIKE')].some((id) => id === 'debian' || id === 'ubuntu');
}

export class BrowserNotFoundError extends Error {
  constructor(readonly tried: string[]) {
    super(
      [
        'No Chromium-family browser for the browser tests. Tried, in order:',
        ...tried.map((t, i) => `  ${i + 1}. ${t}`),
        'Any one of these gives the tests a browser:',
        '  - set CHROMIUM_PATH to a Chrome, Chromium or Edge executable;',
        '  - run `npx playwright-core install chromium` (needs access to Playwright’s download host);',
        '  - install Google Chrome, Chromium or Microsoft Edge the usual way for your OS',
        '    (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`;',
        '    Windows: `winget install Google.Chrome`).',
      ].join('\n'),
    );
    this.name = 'BrowserNotFoundError';
  }
}

/** Runs the chain; `playwrightCli` is the path of playwright-core's cli.js (run with this Node). */
export async function findBrowser(
  probes: BrowserProbes,
  opts: { nodePath: string; playwrightCli: string },
): Promise<FoundBrowser> {
  const tried: string[] = [];
  const firstFile = (paths: string[]) => paths.find((p) => probes.isFile(p));

  const fromEnv = probes.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (probes.isFile(fromEnv)) return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
    tried.push(`CHROMIUM_PATH=${fromEnv}: no such file`);
    probes.note(`CHROMIUM_PATH=${fromEnv} does not exist; looking for another browser.`);
  } else tried.push('CHROMIUM_PATH: not set');

  const managed = probes.managedBrowsers()[0];
  if (managed) return { executablePath: managed, source: 'playwright' };
  tried.push('a browser managed by Playwright: none installed');

  const installedList = installedCandidates(probes.platform, probes.env, probes.homedir);
  const installed = firstFile(installedList) ?? firstFile(pathCandidates(probes.platform, probes.env));
  if (installed) return { executablePath: installed, source: 'installed' };
  tried.push(`an installed Chrome, Chromium or Edge: none at ${installedList.join(', ')} or on PATH`);

  probes.note('No browser found; running `playwright install chromium`.');
  const pw = await probes.run(
    opts.nodePath,
    [opts.playwrightCli, 'install', 'chromium'],
    PLAYWRIGHT_INSTALL_TIMEOUT_MS,
  );
  const downloaded = pw.ok ? probes.managedBrowsers()[0] : undefined;
  if (downloaded) return { executablePath: downloaded, source: 'playwright install' };
  tried.push(`\`playwright install chromium\`: ${pw.ok ? 'finished but no browser appeared' : pw.detail}`);

  if (probes.platform !== 'linux' || !isDebianLike(probes.osRelease())) {
    tried.push('`apt-get install -y chromium`: not Debian or Ubuntu');
    throw new BrowserNotFoundError(tried);
  }
  if (!probes.isRoot()) {
    tried.push('`apt-get install -y chromium`: not running as root (run it with sudo yourself)');
    throw new BrowserNotFoundError(tried);
  }
  probes.note('Installing Debian’s chromium: `apt-get update && apt-get install -y chromium`.');
  const update = await probes.run('apt-get', ['update'], APT_TIMEOUT_MS);
  const apt = update.ok ? await probes.run('apt-get', ['install', '-y', 'chromium'], APT_TIMEOUT_MS) : update;
  const fromApt = apt.ok ? firstFile(installedList) : undefined;
  if (fromApt) return { executablePath: fromApt, source: 'apt-get' };
  tried.push(
    `\`apt-get update && apt-get install -y chromium\`: ${apt.ok ? 'finished but no chromium appeared' : apt.detail}`,
  );
  throw new BrowserNotFoundError(tried);
}
