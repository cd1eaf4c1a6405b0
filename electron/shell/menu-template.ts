// The application menu as data: a pure function of the platform and the app's actions, so its shape
// (what exists in dev only, what each item does) is unit-tested without Electron. main.ts passes the result
// to Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron';

interface MenuActions {
  /** Asks for confirmation, then clears the store (pinned traces included). */
  clearTraces: () => void;
  /** Opens an https link in the user's browser (already checked by the security policy). */
  openExternal: (url: string) => void;
}

interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Development build (not packaged): adds developer tools. */
  isDev: boolean;
  /** The project's own documentation (package.json "homepage"), when known. */
  docsUrl?: string;
}

/** Links in the Help menu, besides the project's own docs. */
export const HELP_LINKS: readonly { label: string; url: string }[] = [
  {
    label: 'OpenTelemetry OTLP Exporter Settings',
    url: 'https://opentelemetry.io/docs/languages/sdk-configuration/otlp-exporter/',
  },
  { label: 'Sentry and OpenTelemetry (OTLP)', url: 'https://docs.sentry.io/concepts/otlp/' },
];

export function menuTemplate(opts: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  const clear: MenuItemConstructorOptions = {
    id: 'clear-traces',
    label: 'Clear Traces…',
    accelerator: 'CmdOrCtrl+Shift+K',
    click: () => actions.clearTraces(),
  };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(opts.isDev ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const help: MenuItemConstructorOptions[] = [
    ...(opts.docsUrl
      ? [{ label: `${opts.appName} Documentation`, click: () => actions.openExternal(opts.docsUrl!) }]
      : []),
    ...HELP_LINKS.map((l) => ({ label: l.label, click: () => actions.openExternal(l.url) })),
  ];
  return [
    // macOS puts About/Hide/Quit under the app's own menu; elsewhere Quit lives in File.
    ...(isMac ? [{ label: opts.appName, role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: isMac
        ? [clear, { type: 'separator' }, { role: 'close' }]
        : [clear, { type: 'separator' }, { role: 'quit' }],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}
