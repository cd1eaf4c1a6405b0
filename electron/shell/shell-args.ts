// What the shell makes of its command line and of the core's start-up, as pure functions (tested without
// Electron). The app's own flags are the CLI's `serve` flags; Chromium's switches are left to Chromium.

/**
 * Chromium and Electron switches a user may pass to the app (e.g. to pick Wayland or debug the GPU).
 * Chromium reads them itself; the app's flag parser must not reject them as unknown.
 */
const CHROMIUM_SWITCHES = [
  '--enable-features',
  '--disable-features',
  '--ozone-platform',
  '--ozone-platform-hint',
  '--enable-wayland-ime',
  '--enable-logging',
  '--log-file',
  '--log-level',
  '--v',
  '--vmodule',
  '--disable-gpu',
  '--disable-gpu-sandbox',
  '--use-gl',
  '--use-angle',
  '--force-device-scale-factor',
  '--high-dpi-support',
  '--lang',
  '--no-sandbox',
  '--user-data-dir',
  '--remote-debugging-port',
  '--inspect',
  '--inspect-brk',
  '--js-flags',
  '--proxy-server',
  '--no-proxy-server',
  '--trace-warnings',
];

function isChromiumSwitch(arg: string): boolean {
  const name = arg.split('=', 1)[0]!;
  return CHROMIUM_SWITCHES.includes(name);
}

/**
 * The app's own arguments. Run from source, Electron's argv is [electron, appDir, ...args]
 * (process.defaultApp is true); packaged, it is [app, ...args]. macOS adds `-psn_…` when launched from
 * Finder on old systems.
 */
export function shellArgv(argv: readonly string[], defaultApp: boolean): string[] {
  return argv
    .slice(defaultApp ? 2 : 1)
    .filter((a) => !a.startsWith('-psn_') && !isChromiumSwitch(a) && a !== '--');
}

/** The start-up options a port flag sets (InspectorConfig's names). */
type PortOption = 'grpcPort' | 'httpPort' | 'uiPort';
const PORT_OPTION: Record<string, PortOption> = {
  '--grpc-port': 'grpcPort',
  '--http-port': 'httpPort',
  '--ui-port': 'uiPort',
};

/** The flags given on the command line (`--ui-port 0` and `--ui-port=0` both count). */
export function givenFlags(args: readonly string[]): Set<string> {
  return new Set(args.filter((a) => a.startsWith('--')).map((a) => a.split('=', 1)[0]!));
}

type PortConflictPlan =
  | { kind: 'use-free-port'; option: PortOption }
  | { kind: 'ask'; option: PortOption; message: string; detail: string; buttons: [string, string] }
  | { kind: 'fail' };

/**
 * What to do when the core cannot start because a port is taken (the core names the port, what it is
 * for and the flag). The UI port is internal to the app unless the user chose it, so it silently moves to
 * a free one. A receiver port is what the user's apps export to, so the user decides: a free port (the
 * window then shows the endpoint to use) or quit and pick one with the flag the message names.
 */
export function planPortConflict(
  error: { port: number; label: string; flag: string },
  given: ReadonlySet<string>,
): PortConflictPlan {
  const option = PORT_OPTION[error.flag];
  if (!option || error.port === 0) return { kind: 'fail' };
  if (option === 'uiPort' && !given.has(error.flag)) return { kind: 'use-free-port', option };
  return {
    kind: 'ask',
    option,
    message: `Port ${error.port} (${error.label}) is already in use.`,
    detail:
      `Another program, perhaps another inspector or an OpenTelemetry Collector, is listening on it. ` +
      `Start on a free port instead (point your apps at the endpoint the window shows), or quit and ` +
      `start again with ${error.flag} <port>.`,
    buttons: ['Use a Free Port', 'Quit'],
  };
}

/** The dialog shown before clearing (a destructive action, so it asks). */
export const CLEAR_TRACES_DIALOG = {
  type: 'warning' as const,
  buttons: ['Clear', 'Cancel'],
  defaultId: 1,
  cancelId: 1,
  message: 'Clear all traces?',
  detail:
    'Removes every trace, pinned ones included, and resets the counters. The receivers keep listening, so new spans appear as they arrive.',
};
