// Types for the helpers start.mjs exports to its tests.
export function findElectron(electronDir?: string, env?: Record<string, string | undefined>): string | null;
export function runInstaller(
  script: string,
  timeoutMs?: number,
  onSlow?: () => void,
  slowMs?: number,
): Promise<{ ok: boolean; detail: string }>;
export const BUILD_STAMP: string;
export function snapshotInputs(root: string, inputs: readonly string[]): Record<string, string>;
export function buildWhatChanged(
  root?: string,
  say?: (line: string) => void,
): Promise<{ code: number; error?: Error }>;
