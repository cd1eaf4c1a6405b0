// settings.json in the data dir. The file holds only the fields a user set (through the API or by hand),
// never the defaults of the others, so it keeps saying what the user chose. It is only ever replaced by a
// valid document: the new content is validated, written to a temporary file, flushed and renamed over the
// old one, so a crash mid-write never leaves half a file. A file that is not valid (any more) is never
// overwritten: the change is refused naming the file, and the user's content, unknown keys and all, stays.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { validateSettings, type Settings } from './settings-schema.js';

const SETTINGS_FILE = 'settings.json';

/** Bad settings values (in a change, or in the file): each problem names its field. */
export class SettingsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/**
 * The settings file itself is the problem: `invalid` (not JSON, not an object, a bad value — it was
 * edited or damaged while we ran) or `io` (it cannot be read or written). Nothing was changed.
 */
export class SettingsFileError extends SettingsError {
  constructor(
    file: string,
    problems: string[],
    readonly reason: 'invalid' | 'io',
  ) {
    super(file, problems);
    this.name = 'SettingsFileError';
  }
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE);
}

type Fields = Record<string, unknown>;

/**
 * The fields the file holds, exactly as written (no defaults): {} when there is no file yet. Throws
 * SettingsFileError when it cannot be read or is not a valid settings document.
 */
async function readSettingsFile(dataDir: string): Promise<Fields> {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SettingsFileError(file, [`cannot read: ${(e as Error).message}`], 'io');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SettingsFileError(file, [`not valid JSON (${(e as Error).message})`], 'invalid');
  }
  const { errors } = validateSettings(raw);
  if (errors.length) throw new SettingsFileError(file, errors, 'invalid');
  return raw as Fields;
}

/** The settings in dataDir, defaults filled in. Throws SettingsFileError for a bad file. */
export async function loadSettings(dataDir: string): Promise<Settings> {
  return validateSettings(await readSettingsFile(dataDir)).settings;
}

/**
 * Merges `patch` into the file's fields (the others, known or not, are kept), validates the result and
 * replaces the file atomically. Returns the document written. A bad file is left as it is
 * (SettingsFileError 'invalid'); bad values in the patch are refused (SettingsError).
 */
export async function saveSettings(dataDir: string, patch: Fields): Promise<Fields> {
  const file = settingsPath(dataDir);
  const doc = { ...(await readSettingsFile(dataDir)), ...patch };
  const { errors } = validateSettings(doc);
  if (errors.length) throw new SettingsError(file, errors);
  try {
    await writeAtomically(dataDir, file, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (e) {
    throw new SettingsFileError(file, [`cannot write: ${(e as Error).message}`], 'io');
  }
  return doc;
}

/** Writes `text` to `file` (mode 0600) via a flushed temporary file and a rename: all or nothing. */
export async function writeAtomically(dir: string, file: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      // Flushed before the rename: after a power cut the name points at the whole new content or the old.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
