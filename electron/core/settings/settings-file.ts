// settings.json in the data dir: read with field-naming errors, written atomically (temp file + rename,
// so a crash mid-write never leaves half a file), unknown fields kept.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateSettings, type Settings } from './settings-schema.js';

export const SETTINGS_FILE = 'settings.json';

export class SettingsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE);
}

/** The settings in dataDir (defaults when there is no file yet). Throws SettingsError for a bad file. */
export async function loadSettings(dataDir: string): Promise<Settings> {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return validateSettings({}).settings;
    throw new SettingsError(file, [`cannot read: ${(e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SettingsError(file, [`not valid JSON (${(e as Error).message})`]);
  }
  const { settings, errors } = validateSettings(raw);
  if (errors.length) throw new SettingsError(file, errors);
  return settings;
}

/**
 * Merges `patch` into the file's current content (fields it does not mention, known or not, are kept),
 * validates the result and writes it atomically. Returns what was written.
 */
export async function saveSettings(dataDir: string, patch: Partial<Settings>): Promise<Settings> {
  const file = settingsPath(dataDir);
  let current: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      current = parsed as Record<string, unknown>;
  } catch {
    // No file yet, or an unreadable one that this write replaces.
  }
  const { settings, errors } = validateSettings({ ...current, ...patch });
  if (errors.length) throw new SettingsError(file, errors);
  await mkdir(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return settings;
}
