import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { HELP_LINKS, menuTemplate } from '../../../electron/shell/menu-template.js';
import { isSafeExternalUrl } from '../../../electron/shell/security-policy.js';

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      clearTraces: () => calls.push('clear'),
      openExternal: (url: string) => calls.push(`open ${url}`),
    },
  };
}

/** Every item of a template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  expect(item?.click).toBeTypeOf('function');
  (item!.click as () => void)();
}

const base = { appName: 'OTel Sentry Inspector', isDev: false };

describe('menuTemplate', () => {
  it.each([
    ['linux', ['File', 'editMenu', 'View', 'windowMenu', 'help']],
    ['win32', ['File', 'editMenu', 'View', 'windowMenu', 'help']],
    ['darwin', ['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']],
  ] as const)('top level on %s', (platform, expected) => {
    const t = menuTemplate({ ...base, platform }, recorder().actions);
    expect(t.map((i) => (i.role === 'appMenu' || !i.label ? i.role : i.label))).toEqual(expected);
  });

  it('File has Clear Traces… and Quit (Close on macOS, where Quit is in the app menu)', () => {
    const file = (p: NodeJS.Platform) =>
      menuTemplate({ ...base, platform: p }, recorder().actions).find((i) => i.label === 'File')!
        .submenu as MenuItemConstructorOptions[];
    expect(file('linux').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Clear Traces…',
      'separator',
      'quit',
    ]);
    expect(file('darwin').map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Clear Traces…',
      'separator',
      'close',
    ]);
  });

  it('Clear Traces… calls the clear action', () => {
    const r = recorder();
    click(
      items(menuTemplate({ ...base, platform: 'linux' }, r.actions)).find((i) => i.id === 'clear-traces'),
    );
    expect(r.calls).toEqual(['clear']);
  });

  it('offers developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      items(menuTemplate({ ...base, isDev, platform: 'linux' }, recorder().actions)).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
    for (const role of [
      'reload',
      'forceReload',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ] as const) {
      expect(roles(false)).toContain(role);
    }
  });

  it('Help opens checked https links, plus the project docs when known', () => {
    const r = recorder();
    const help = (docsUrl?: string) =>
      menuTemplate({ ...base, platform: 'linux', docsUrl }, r.actions).find((i) => i.role === 'help')!
        .submenu as MenuItemConstructorOptions[];
    expect(help().map((i) => i.label)).toEqual(HELP_LINKS.map((l) => l.label));
    const withDocs = help('https://github.com/example/otel-sentry-inspector#readme');
    expect(withDocs[0]!.label).toBe('OTel Sentry Inspector Documentation');
    for (const item of withDocs) click(item);
    expect(r.calls).toEqual([
      'open https://github.com/example/otel-sentry-inspector#readme',
      ...HELP_LINKS.map((l) => `open ${l.url}`),
    ]);
    for (const l of HELP_LINKS) expect(isSafeExternalUrl(l.url)).toBe(true);
  });
});
