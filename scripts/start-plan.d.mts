// Types for start-plan.mjs (plain ESM, because `npm start` runs it before anything is compiled).
type Env = Record<string, string | undefined>;

export interface StartOptions {
  /** --serve: skip Electron, run serve mode. */
  serve: boolean;
  /** false with --no-build. */
  build: boolean;
  /** false with --no-open: never open a browser. */
  open: boolean;
}

export function splitArgs(argv: readonly string[]): { options: StartOptions; appArgs: string[] };
export function hasDisplay(platform: string, env: Env): boolean;
export function electronBinaryPath(electronDir: string, pathTxt: string | null, env: Env): string | null;

export type ModeDecision = { mode: 'electron' } | { mode: 'install' } | { mode: 'serve'; reason: string };
export function chooseMode(input: {
  serveFlag: boolean;
  platform: string;
  env: Env;
  binary: string | null;
  install?: { ok: boolean; detail: string };
}): ModeDecision;

export function unavailableMessage(reason: string, willOpenBrowser: boolean): string;
export function installFailureDetail(input: {
  stderr: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  timeoutMs: number;
}): string;
export function browserCommand(
  url: string,
  platform: string,
  env: Env,
  which: (command: string) => boolean,
): { command: string; args: string[] } | null;
export function uiUrlFromLine(line: string): string | null;
export function exitCodeOf(
  code: number | null | undefined,
  signal: string | null | undefined,
  signals: Record<string, number>,
): number;
export function electronEnv(env: Env): Env;

export interface BuildTarget {
  name: string;
  /** The package.json script that builds it. */
  script: string;
  tool: string;
  /** Files and folders (relative to the package) whose change means a rebuild. */
  inputs: readonly string[];
  /** A file the build writes; missing means a rebuild. */
  output: string;
}
/** relPath → "size:mtimeMs" */
export type Snapshot = Record<string, string>;
export interface BuildStamp {
  version: number;
  targets: Record<string, Snapshot>;
}
export const BUILD_TARGETS: readonly BuildTarget[];
export const STAMP_VERSION: number;
export function changedFiles(before: Snapshot, now: Snapshot): string[];
export function planBuild(
  targets: readonly BuildTarget[],
  snapshots: Record<string, Snapshot>,
  stamp: BuildStamp | null,
  outputExists: (relPath: string) => boolean,
): { target: BuildTarget; reason: string }[];
export function nextStamp(
  stamp: BuildStamp | null,
  snapshots: Record<string, Snapshot>,
  built: readonly string[],
): BuildStamp;
export function seconds(ms: number): string;
