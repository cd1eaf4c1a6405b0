// The Electron main process: a thin shell around the headless core. It starts the inspector in this
// process (the same startInspector the CLI's serve uses), opens one window on the UI the core's local API
// serves (http://127.0.0.1:PORT/?token=...), and applies the security policy. Every decision lives in
// pure, tested modules (security-policy.ts, menu-template.ts, shell-args.ts); this file only wires them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { parseCommand, USAGE } from '../core/cli/options.js';
import { readyJson, readyText } from '../core/cli/ready-message.js';
import { resolveServeConfig } from '../core/cli/serve-config.js';
import { InspectorPortError, startInspector, type InspectorConfig } from '../core/inspector.js';
import { menuTemplate } from './menu-template.js';
import { safeStorageCodec } from './safe-storage-codec.js';
import {
  appOrigin,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAllowedRequest,
  windowWebPreferences,
  withFallbackCsp,
} from './security-policy.js';
import { CLEAR_TRACES_DIALOG, givenFlags, planPortConflict, shellArgv } from './shell-args.js';
import { windowIcon } from './window-icon.js';

type Inspector = Awaited<ReturnType<typeof startInspector>>;

const APP_NAME = 'OTel Sentry Inspector';
const isDev = !app.isPackaged;

/** package.json's homepage (the Help menu's docs link), if it has one. */
function projectHomepage(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as {
      homepage?: unknown;
    };
    return typeof pkg.homepage === 'string' ? pkg.homepage : undefined;
  } catch {
    return undefined;
  }
}

let inspector: Inspector | null = null;
let mainWindow: BrowserWindow | null = null;
let origin = '';
/** Hosts besides the built-in trusted ones whose https links may open in the browser. */
const extraExternalHosts: string[] = [];

/** Thrown by fatal() after app.exit() so that no caller carries on; main() swallows it. */
class ExitRequested extends Error {}

function fatal(title: string, message: string, exitCode: number): never {
  console.error(`${title}: ${message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(exitCode);
  throw new ExitRequested(message);
}

function openExternal(url: string): void {
  if (decideWindowOpen(url, extraExternalHosts) === 'open-external') void shell.openExternal(url);
}

/** Navigation, new windows and webviews for any web contents, whatever created it. */
function hardenContents(contents: WebContents): void {
  const onNavigate = (event: { url: string; preventDefault(): void }) => {
    const decision = decideNavigation(event.url, origin, extraExternalHosts);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(event.url);
  };
  contents.on('will-frame-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(decidePermission(permission, details.requestingUrl, origin)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    decidePermission(permission, details.requestingUrl ?? requestingOrigin, origin),
  );
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, origin) }),
  );
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withFallbackCsp(details.responseHeaders) }),
  );
}

async function clearTraces(): Promise<void> {
  if (!inspector) return;
  const options = { ...CLEAR_TRACES_DIALOG, buttons: [...CLEAR_TRACES_DIALOG.buttons] };
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  if (response === 0) inspector.store.clear();
}

function createWindow(url: string): BrowserWindow {
  const icon = windowIcon(process.platform, app.getAppPath());
  const win = new BrowserWindow({
    ...(icon ? { icon } : {}),
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: APP_NAME,
    // The UI's --bg (renderer/src/styles/app.css), so there is no flash of white before its first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15141b' : '#f7f7f9',
    webPreferences: windowWebPreferences({ devTools: isDev }),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-fail-load', (_e, code, description, failedUrl, isMainFrame) => {
    if (isMainFrame) console.error(`The UI did not load from ${failedUrl}: ${description} (${code})`);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  // A failed load is reported by did-fail-load above; the promise's rejection adds nothing.
  win.loadURL(url).catch(() => undefined);
  return win;
}

function focusWindow(): void {
  if (!mainWindow) {
    if (inspector) mainWindow = createWindow(inspector.api.url);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Closes the core (receivers, API, store) before the process ends, once. */
function installShutdown(): void {
  let closing = false;
  app.on('before-quit', (event) => {
    if (!inspector) return;
    // Hold every quit (a second Ctrl+C included) until the core has closed; then quit for real.
    event.preventDefault();
    if (closing) return;
    closing = true;
    const core = inspector;
    void core
      .close()
      .catch((e: unknown) => console.error(`Shutting down the inspector failed: ${String(e)}`))
      .finally(() => {
        inspector = null;
        app.quit();
      });
  });
  // Started from a terminal (npm start): Ctrl-C and kill quit the same way as the menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

/**
 * startInspector, and when a port is taken, what planPortConflict says: a free UI port silently, a
 * free receiver port if the user agrees, else quit naming the port and the flag.
 */
async function startWithPortFallback(
  config: InspectorConfig,
  given: ReadonlySet<string>,
): Promise<Inspector> {
  let current = { ...config };
  for (;;) {
    try {
      return await startInspector(current);
    } catch (e) {
      if (!(e instanceof InspectorPortError)) {
        fatal(`${APP_NAME} could not start`, e instanceof Error ? e.message : String(e), 1);
      }
      const plan = planPortConflict(e, given);
      if (plan.kind === 'fail') fatal(`${APP_NAME} could not start`, e.message, 1);
      if (plan.kind === 'ask') {
        console.error(`${plan.message} ${plan.detail}`);
        const { response } = await dialog.showMessageBox({
          type: 'warning',
          message: plan.message,
          detail: plan.detail,
          buttons: [...plan.buttons],
          defaultId: 0,
          cancelId: 1,
        });
        if (response !== 0) fatal(`${APP_NAME} did not start`, e.message, 1);
      }
      // Each retry sets one more port to 0, so this ends after at most three conflicts.
      current = { ...current, [plan.option]: 0 };
    }
  }
}

async function main(): Promise<void> {
  const args = shellArgv(process.argv, process.defaultApp === true);
  const command = parseCommand(args, process.env);
  if (command.kind === 'help' || command.kind === 'version') {
    console.log(command.kind === 'help' ? USAGE : app.getVersion());
    app.exit(0);
    return;
  }

  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the receivers' ports; it focuses its window on 'second-instance'.
    app.exit(0);
    return;
  }
  app.on('second-instance', () => focusWindow());
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    // macOS keeps the app (and its receivers) running without windows; the Dock icon reopens the window.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => focusWindow());
  installShutdown();

  // Sandbox every renderer, whatever a future BrowserWindow's webPreferences say.
  app.enableSandbox();
  await app.whenReady();
  if (command.kind === 'error') fatal('Bad command-line option', `${command.message}\n\n${USAGE}`, 2);

  let config: InspectorConfig;
  try {
    config = (await resolveServeConfig(command.options)).inspector;
  } catch (e) {
    // A bad settings.json: the message names the file and the field.
    fatal(`${APP_NAME} could not start`, e instanceof Error ? e.message : String(e), 1);
  }
  // After whenReady: safeStorage can only answer once the app is ready.
  config = { ...config, secretCodec: safeStorageCodec(safeStorage) };
  inspector = await startWithPortFallback(config, givenFlags(args));
  // For whoever started the app from a terminal: the same ready message as serve (--json for scripts).
  console.log(command.options.json ? readyJson(inspector) : readyText(inspector));

  const uiUrl = inspector.api.url;
  try {
    origin = appOrigin(uiUrl);
  } catch {
    await inspector.close();
    inspector = null;
    fatal(
      `${APP_NAME} could not start`,
      `The window loads the UI only from a loopback address, but it is at ${new URL(uiUrl).host}. ` +
        'Add --host 127.0.0.1 next to the address the receivers should use.',
      2,
    );
  }
  hardenSession();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { appName: APP_NAME, platform: process.platform, isDev, docsUrl: projectHomepage() },
        { clearTraces: () => void clearTraces(), openExternal },
      ),
    ),
  );
  mainWindow = createWindow(inspector.api.url);
}

main().catch((e: unknown) => {
  if (e instanceof ExitRequested) return;
  console.error(e);
  app.exit(1);
});
