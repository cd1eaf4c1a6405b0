import { describe, expect, it } from 'vitest';
import {
  BrowserNotFoundError,
  findBrowser,
  installedCandidates,
  isDebianLike,
  pathCandidates,
  type BrowserProbes,
  type CommandResult,
} from './find-browser.js';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';
const MANAGED = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const OPTS = { nodePath: '/usr/bin/node', playwrightCli: '/repo/node_modules/playwright-core/cli.js' };

interface World {
  platform?: NodeJS.Platform;
  env?: Record<string, string>;
  files?: string[];
  managed?: string[];
  /** What each command does: its result, and files it creates when it succeeds. */
  playwrightInstall?: CommandResult & { creates?: string[] };
  aptUpdate?: CommandResult;
  aptInstall?: CommandResult & { creates?: string[] };
  osRelease?: string;
  root?: boolean;
}

const OK = { ok: true, detail: '' };
const UNREACHABLE = { ok: false, detail: 'exit code 1: Error: getaddrinfo ENOTFOUND cdn.playwright.dev' };

/** A fake machine: a set of files, a Playwright registry, and commands that may create files. */
function fakeMachine(w: World) {
  const files = new Set(w.files ?? []);
  const managed = [...(w.managed ?? [])];
  const ran: string[] = [];
  const notes: string[] = [];
  const probes: BrowserProbes = {
    platform: w.platform ?? 'linux',
    env: w.env ?? { PATH: '/usr/local/bin:/usr/bin' },
    homedir: '/home/dev',
    isFile: (p) => files.has(p),
    managedBrowsers: () => managed.filter((p) => files.has(p)),
    run: async (cmd, args) => {
      const line = [cmd, ...args].join(' ');
      ran.push(line);
      const byCommand: Record<string, CommandResult & { creates?: string[] }> = {
        [`${OPTS.nodePath} ${OPTS.playwrightCli} install chromium`]: w.playwrightInstall ?? UNREACHABLE,
        'apt-get update': w.aptUpdate ?? OK,
        'apt-get install -y chromium': w.aptInstall ?? UNREACHABLE,
      };
      const r = byCommand[line] ?? { ok: false, detail: `unexpected command ${line}` };
      if (r.ok) for (const f of r.creates ?? []) files.add(f);
      if (r.ok && cmd === OPTS.nodePath) managed.push(...(r.creates ?? []));
      return { ok: r.ok, detail: r.detail };
    },
    osRelease: () => w.osRelease ?? DEBIAN,
    isRoot: () => w.root ?? true,
    note: (m) => notes.push(m),
  };
  return { probes, ran, notes };
}

describe('findBrowser: the chain, first way that works wins', () => {
  const cases: {
    name: string;
    world: World;
    path: string;
    source: string;
    ran: string[];
    noteMatches?: RegExp;
  }[] = [
    {
      name: 'CHROMIUM_PATH pointing at a file is used as is, before anything else',
      world: {
        env: { CHROMIUM_PATH: '/opt/my/chrome' },
        files: ['/opt/my/chrome', MANAGED],
        managed: [MANAGED],
      },
      path: '/opt/my/chrome',
      source: 'CHROMIUM_PATH',
      ran: [],
    },
    {
      name: 'CHROMIUM_PATH at a missing file falls through to the Playwright-managed browser, and says so',
      world: {
        env: { CHROMIUM_PATH: '/missing' },
        files: [MANAGED, '/usr/bin/chromium'],
        managed: [MANAGED],
      },
      path: MANAGED,
      source: 'playwright',
      ran: [],
      noteMatches: /CHROMIUM_PATH=\/missing does not exist/,
    },
    {
      name: 'a Playwright-managed browser comes before a system one',
      world: { files: [MANAGED, '/usr/bin/google-chrome'], managed: [MANAGED] },
      path: MANAGED,
      source: 'playwright',
      ran: [],
    },
    {
      name: 'Linux: an installed Chrome at its usual place',
      world: { files: ['/usr/bin/google-chrome-stable'] },
      path: '/usr/bin/google-chrome-stable',
      source: 'installed',
      ran: [],
    },
    {
      name: 'Linux: a chromium on PATH (e.g. Nix) when none is at the usual places',
      world: { env: { PATH: '/nix/profile/bin:/usr/bin' }, files: ['/nix/profile/bin/chromium'] },
      path: '/nix/profile/bin/chromium',
      source: 'installed',
      ran: [],
    },
    {
      name: 'macOS: Google Chrome in /Applications',
      world: { platform: 'darwin', files: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'] },
      path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      source: 'installed',
      ran: [],
    },
    {
      name: 'macOS: Chromium in ~/Applications',
      world: { platform: 'darwin', files: ['/home/dev/Applications/Chromium.app/Contents/MacOS/Chromium'] },
      path: '/home/dev/Applications/Chromium.app/Contents/MacOS/Chromium',
      source: 'installed',
      ran: [],
    },
    {
      name: 'Windows: Edge under Program Files (x86) when Chrome is absent',
      world: {
        platform: 'win32',
        env: { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' },
        files: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
      },
      path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      source: 'installed',
      ran: [],
    },
    {
      name: 'Windows: per-user Chrome under LOCALAPPDATA',
      world: {
        platform: 'win32',
        env: { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' },
        files: ['C:\\Users\\dev\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
      },
      path: 'C:\\Users\\dev\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      source: 'installed',
      ran: [],
    },
    {
      name: 'nothing installed: `playwright install chromium` downloads one',
      world: { playwrightInstall: { ...OK, creates: [MANAGED] } },
      path: MANAGED,
      source: 'playwright install',
      ran: [`${OPTS.nodePath} ${OPTS.playwrightCli} install chromium`],
    },
    {
      name: 'download host unreachable, Debian as root: apt-get installs chromium',
      world: { aptInstall: { ...OK, creates: ['/usr/bin/chromium'] } },
      path: '/usr/bin/chromium',
      source: 'apt-get',
      ran: [
        `${OPTS.nodePath} ${OPTS.playwrightCli} install chromium`,
        'apt-get update',
        'apt-get install -y chromium',
      ],
    },
    {
      name: 'Ubuntu (ID_LIKE=debian) as root with a missing CHROMIUM_PATH goes all the way down to apt-get',
      world: {
        env: { CHROMIUM_PATH: '/missing' },
        osRelease: UBUNTU,
        aptInstall: { ...OK, creates: ['/usr/bin/chromium-browser'] },
      },
      path: '/usr/bin/chromium-browser',
      source: 'apt-get',
      ran: [
        `${OPTS.nodePath} ${OPTS.playwrightCli} install chromium`,
        'apt-get update',
        'apt-get install -y chromium',
      ],
      noteMatches: /apt-get install -y chromium/,
    },
  ];
  it.each(cases)('$name', async ({ world, path, source, ran, noteMatches }) => {
    const m = fakeMachine(world);
    await expect(findBrowser(m.probes, OPTS)).resolves.toEqual({ executablePath: path, source });
    expect(m.ran).toEqual(ran);
    if (noteMatches) expect(m.notes.join('\n')).toMatch(noteMatches);
  });
});

describe('findBrowser: when every way fails, one error names each way tried', () => {
  const cases: { name: string; world: World; ran: number; mentions: RegExp[] }[] = [
    {
      name: 'Debian as root, download unreachable, apt-get fails',
      world: {
        env: { CHROMIUM_PATH: '/missing' },
        aptInstall: { ok: false, detail: 'exit code 100: E: Unable to locate package chromium' },
      },
      ran: 3,
      mentions: [
        /CHROMIUM_PATH=\/missing: no such file/,
        /managed by Playwright: none installed/,
        /none at \/usr\/bin\/chromium,.* or on PATH/,
        /playwright install chromium`: exit code 1: Error: getaddrinfo ENOTFOUND/,
        /apt-get install -y chromium`: exit code 100: E: Unable to locate package/,
      ],
    },
    {
      name: 'apt-get update fails: install is not attempted',
      world: {
        aptUpdate: { ok: false, detail: 'exit code 100: Temporary failure resolving deb.debian.org' },
      },
      ran: 2,
      mentions: [/CHROMIUM_PATH: not set/, /Temporary failure resolving/],
    },
    {
      name: 'Debian but not root: apt-get is not run, and the message says why',
      world: { root: false },
      ran: 1,
      mentions: [/not running as root/],
    },
    {
      name: 'not Debian (Fedora): apt-get is not run',
      world: { osRelease: FEDORA },
      ran: 1,
      mentions: [/not Debian or Ubuntu/],
    },
    {
      name: 'macOS with nothing installed: apt-get is not run',
      world: { platform: 'darwin' },
      ran: 1,
      mentions: [/Google Chrome\.app/, /not Debian or Ubuntu/],
    },
    {
      name: 'playwright install "succeeds" without producing a browser',
      world: { playwrightInstall: OK, osRelease: FEDORA },
      ran: 1,
      mentions: [/finished but no browser appeared/],
    },
  ];
  it.each(cases)('$name', async ({ world, ran, mentions }) => {
    const m = fakeMachine(world);
    const err = await findBrowser(m.probes, OPTS).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BrowserNotFoundError);
    const message = (err as Error).message;
    for (const re of mentions) expect(message).toMatch(re);
    // The ways to get a browser are always spelled out.
    expect(message).toMatch(/set CHROMIUM_PATH/);
    expect(message).toMatch(/npx playwright-core install chromium/);
    expect(message).toMatch(/apt-get install chromium/);
    expect((err as BrowserNotFoundError).tried).toHaveLength(5);
    expect(m.ran).toHaveLength(ran);
  });
});

describe('candidate lists', () => {
  it('Windows paths are built with backslashes from the environment, per root', () => {
    const list = installedCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }, 'C:\\Users\\dev');
    expect(list).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });
  it('PATH lookup uses the platform delimiter', () => {
    expect(pathCandidates('win32', { Path: 'C:\\bin;D:\\tools' })).toContain('D:\\tools\\msedge.exe');
    expect(pathCandidates('linux', { PATH: '/a:/b' })).toContain('/b/google-chrome');
    expect(pathCandidates('linux', {})).toEqual([]);
  });
  it.each([
    [DEBIAN, true],
    [UBUNTU, true],
    ["ID='linuxmint'\nID_LIKE='ubuntu debian'\n", true],
    [FEDORA, false],
    ['', false],
  ])('isDebianLike(%j) = %s', (text, expected) => {
    expect(isDebianLike(text)).toBe(expected);
  });
});
