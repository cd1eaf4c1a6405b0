// `otel-sentry-inspector [serve] [options]`: starts the inspector headless and runs until SIGINT/SIGTERM.
// Every failure a user can cause ends in one line and an exit code, never a stack trace:
//   0 clean shutdown (or --help/--version), 1 could not start (port in use, bad settings), 2 bad flags.
import { InspectorPortError, packageVersion, startInspector, exposesNetwork } from '../inspector.js';
import { SettingsError } from '../settings/index.js';
import { TokenFileError } from '../settings/token-file.js';
import { parseCommand, USAGE } from './options.js';
import { readyJson, readyText } from './ready-message.js';
import { resolveServeConfig } from './serve-config.js';

const NAME = 'otel-sentry-inspector';

export interface MainIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  untilStop?: Promise<unknown>;
}

const processIo = (): MainIo => ({
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
});

function untilSignal(): { promise: Promise<string>; dispose(): void } {
  let dispose = (): void => undefined;
  const promise = new Promise<string>((resolve) => {
    const on = (sig: NodeJS.Signals) => () => resolve(sig);
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    dispose = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  });
  return { promise, dispose: () => dispose() };
}

export async function main(argv: string[], io: MainIo = processIo()): Promise<number> {
  const parsed = parseCommand(argv, io.env);
  if (parsed.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (parsed.kind === 'version') {
    io.out(packageVersion());
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`${NAME}: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;

  let config;
  try {
    config = await resolveServeConfig(options);
  } catch (e) {
    if (e instanceof SettingsError) {
      io.err(`${NAME}: bad settings file ${e.message}`);
      return 1;
    }
    if (e instanceof TokenFileError) {
      io.err(`${NAME}: bad token file ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (options.hosts.length && exposesNetwork(options.hosts))
    io.err(
      `${NAME}: warning: listening on ${options.hosts.join(', ')}: the OTLP receivers (no authentication) and the ` +
        'token-protected UI are reachable from the network.',
    );

  // Listen for signals before starting, so a Ctrl+C during startup still shuts down cleanly.
  const signal = io.untilStop ? null : untilSignal();
  const stop = io.untilStop ?? signal!.promise;
  try {
    let inspector;
    try {
      inspector = await startInspector(config.inspector);
    } catch (e) {
      if (e instanceof InspectorPortError) {
        io.err(`${NAME}: ${e.message}`);
        return 1;
      }
      // grpc-js folds the listen error into its message, so look there as well as at `code`.
      const code = `${(e as NodeJS.ErrnoException).code ?? ''} ${e instanceof Error ? e.message : ''}`;
      const hint = /EADDRNOTAVAIL/.test(code)
        ? ' (that address is not on this machine; check --host)'
        : /EACCES/.test(code)
          ? ' (ports below 1024 need privileges; choose another port)'
          : '';
      io.err(`${NAME}: could not start: ${e instanceof Error ? e.message : String(e)}${hint}`);
      return 1;
    }
    io.out(options.json ? readyJson(inspector) : readyText(inspector));
    await stop;
    await inspector.close();
    if (!options.json) io.err(`${NAME}: stopped`);
    return 0;
  } finally {
    signal?.dispose();
  }
}
