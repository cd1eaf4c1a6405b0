// Types for the helpers start.mjs exports to its tests.
export function findElectron(electronDir?: string, env?: Record<string, string | undefined>): string | null;
export function runInstaller(
  script: string,
  timeoutMs?: number,
  onSlow?: () => void,
  slowMs?: number,
): Promise<{ ok: boolean; detail: string }>;
