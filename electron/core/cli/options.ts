// Command-line options of `otel-sentry-inspector serve`, tokenised by Node's `util.parseArgs` and checked here,
// so the CLI and the Electron shell share one parser and one set of messages. Every error names the flag.
import { parseArgs } from 'node:util';
import { isValidToken, TOKEN_RULE } from '../api/security.js';

export const DEFAULT_PORTS = { grpc: 4317, http: 4318, ui: 4320 } as const;
const TOKEN_ENV = 'OTEL_SENTRY_INSPECTOR_TOKEN';

export interface ServeOptions {
  grpcPort: number;
  httpPort: number;
  uiPort: number;
  /** Empty: the loopback default (127.0.0.1 and ::1). */
  hosts: string[];
  maxSpans?: number;
  maxBytes?: number;
  idleTimeoutMs?: number;
  dataDir?: string;
  token?: string;
  /** Folder of the built UI (default: dist/renderer next to the code). */
  uiDir?: string;
  json: boolean;
}

type ParsedCommand =
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: otel-sentry-inspector [serve] [options]

Receives OpenTelemetry traces (OTLP/gRPC and OTLP/HTTP) and serves the inspector UI and its local API.

Options:
  --grpc-port PORT      OTLP/gRPC port (default ${DEFAULT_PORTS.grpc}; 0 picks a free one)
  --http-port PORT      OTLP/HTTP port (default ${DEFAULT_PORTS.http}; 0 picks a free one)
  --ui-port PORT        UI and local API port (default ${DEFAULT_PORTS.ui}; 0 picks a free one)
  --host ADDRESS        address to listen on, repeatable (default: 127.0.0.1 and ::1, this machine only;
                        0.0.0.0 makes the receivers reachable from the network, e.g. from containers)
  --max-spans N         spans held before the oldest traces are evicted (default 200000)
  --max-bytes SIZE      estimated memory held before eviction, e.g. 512MiB or 1GB (default 512MiB)
  --idle-timeout TIME   quiet time after which a trace counts as complete, e.g. 5s or 5000 (ms; default 5s)
  --data-dir DIR        where settings.json lives (default: the per-user config folder)
  --token TOKEN         API token (default: the one kept in DIR/token, made on first start, so open
                        tabs survive a restart; or set ${TOKEN_ENV})
  --ui-dir DIR          folder of the built UI (default: dist/renderer)
  --json                print one JSON line when ready, for scripts
  -h, --help            show this help
  -V, --version         show the version

Flags override settings.json; settings.json overrides the defaults.`;

interface FlagSpec {
  takesValue: boolean;
  apply(o: ServeOptions, value: string, flag: string): void;
}

function fail(message: string): never {
  throw new OptionError(message);
}

class OptionError extends Error {}

function port(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    fail(`${flag} must be a port number from 0 to 65535, got '${value}'`);
  return Number(value);
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    fail(`${flag} must be a positive integer, got '${value}'`);
  return n;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
};

function parseSize(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  const n = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    fail(`${flag} must be a size like 536870912, 512MiB or 1GB, got '${value}'`);
  return n;
}

const TIME_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000 };

function parseDurationMs(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(value.trim());
  const n = m ? Math.round(Number(m[1]) * TIME_UNITS[m[2] ?? '']!) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0)
    fail(`${flag} must be a duration like 5000, 5000ms or 5s, got '${value}'`);
  return n;
}

const FLAGS: Record<string, FlagSpec> = {
  '--grpc-port': { takesValue: true, apply: (o, v, f) => (o.grpcPort = port(v, f)) },
  '--http-port': { takesValue: true, apply: (o, v, f) => (o.httpPort = port(v, f)) },
  '--ui-port': { takesValue: true, apply: (o, v, f) => (o.uiPort = port(v, f)) },
  '--host': {
    takesValue: true,
    apply: (o, v, f) => {
      const hosts = v.split(',').map((h) => h.trim().replace(/^\[(.*)\]$/, '$1'));
      if (hosts.some((h) => h === '' || /\s/.test(h)))
        fail(`${f} must be an address like 127.0.0.1 or 0.0.0.0, got '${v}'`);
      o.hosts.push(...hosts);
    },
  },
  '--max-spans': { takesValue: true, apply: (o, v, f) => (o.maxSpans = positiveInt(v, f)) },
  '--max-bytes': { takesValue: true, apply: (o, v, f) => (o.maxBytes = parseSize(v, f)) },
  '--idle-timeout': { takesValue: true, apply: (o, v, f) => (o.idleTimeoutMs = parseDurationMs(v, f)) },
  '--data-dir': { takesValue: true, apply: (o, v, f) => (o.dataDir = v || fail(`${f} needs a folder`)) },
  '--token': {
    takesValue: true,
    apply: (o, v, f) => {
      if (!isValidToken(v)) fail(`${f} must be ${TOKEN_RULE}`);
      o.token = v;
    },
  },
  '--ui-dir': { takesValue: true, apply: (o, v, f) => (o.uiDir = v || fail(`${f} needs a folder`)) },
  '--json': { takesValue: false, apply: (o) => (o.json = true) },
};

function defaultServeOptions(): ServeOptions {
  return {
    grpcPort: DEFAULT_PORTS.grpc,
    httpPort: DEFAULT_PORTS.http,
    uiPort: DEFAULT_PORTS.ui,
    hosts: [],
    json: false,
  };
}

// parseArgs runs non-strict on purpose: its strict errors are worded for the library, not for this CLI, and
// stop at the first problem in its own order. Walking its tokens in argv order keeps every message naming the
// flag as the user typed it, and `--help` wins only when it comes before a mistake.
const PARSE_ARGS_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  ...Object.fromEntries(
    Object.entries(FLAGS).map(([flag, spec]) => [
      flag.slice(2),
      { type: spec.takesValue ? 'string' : 'boolean' },
    ]),
  ),
} as const satisfies Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** The flag as the user wrote it (`--x` of `--x=1`), for "unknown option" messages. */
function writtenFlag(arg: string): string {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
}

function unknownArgument(arg: string): never {
  fail(arg.startsWith('-') ? `unknown option ${writtenFlag(arg)}` : `unexpected argument '${arg}'`);
}

/**
 * argv without node and the script: `serve --http-port 0`, `--json`, `--help`… The token falls back to
 * the environment variable (a flag wins).
 */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ParsedCommand {
  const args = [...argv];
  if (args[0] === 'serve') args.shift();
  else if (args[0] !== undefined && !args[0].startsWith('-'))
    return { kind: 'error', message: `unknown command '${args[0]}' (the only command is serve)` };
  const options = defaultServeOptions();
  try {
    const { tokens } = parseArgs({
      args,
      options: PARSE_ARGS_OPTIONS,
      strict: false,
      allowPositionals: true,
      tokens: true,
    });
    for (const token of tokens) {
      const arg = args[token.index]!;
      // `--` and lone `-` are not flags here; positionals are not accepted.
      if (token.kind !== 'option') unknownArgument(arg);
      // A short group (`-hV`), `-h=x` or an unknown name is refused whole, as typed.
      const inline = token.rawName.startsWith('--') && arg.startsWith(`${token.rawName}=`);
      if (arg !== token.rawName && !inline) unknownArgument(arg);
      // `--help=1` was never a form of help: it stays an unknown option.
      if ((token.name === 'help' || token.name === 'version') && token.inlineValue) unknownArgument(arg);
      if (token.name === 'help') return { kind: 'help' };
      if (token.name === 'version') return { kind: 'version' };
      const flag = `--${token.name}`;
      const spec = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
      if (!spec || token.rawName !== flag) unknownArgument(arg);
      if (!spec.takesValue) {
        if (token.inlineValue) fail(`${flag} takes no value`);
        spec.apply(options, '', flag);
        continue;
      }
      const value = token.value;
      // parseArgs takes the next word as the value even when it is another flag; that is a missing value.
      if (value === undefined || (!token.inlineValue && value.startsWith('--') && value.length > 2))
        fail(`${flag} needs a value`);
      spec.apply(options, value, flag);
    }
  } catch (e) {
    if (e instanceof OptionError) return { kind: 'error', message: e.message };
    throw e;
  }
  if (options.token === undefined && env[TOKEN_ENV]) {
    const fromEnv = env[TOKEN_ENV]!;
    if (!isValidToken(fromEnv)) return { kind: 'error', message: `${TOKEN_ENV} must be ${TOKEN_RULE}` };
    options.token = fromEnv;
  }
  return { kind: 'serve', options };
}
