// The serve token, kept in the data dir (`token`, mode 0600) so a tab opened with the UI URL keeps working
// after a restart. Made on first start; `--token` or the token environment variable override it (and are
// not written). A file that holds something other than a token is refused, naming it, rather than
// silently replaced: someone may have put a token there on purpose.
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generateToken, isValidToken, TOKEN_RULE } from '../api/security.js';
import { writeAtomically } from './settings-file.js';

const TOKEN_FILE = 'token';

export class TokenFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}. Fix or delete the file (a new token is then made), or pass --token.`);
    this.name = 'TokenFileError';
  }
}

export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE);
}

/** The persisted token, made (and saved) when there is none yet. */
export async function loadOrCreateToken(dataDir: string): Promise<{ token: string; created: boolean }> {
  const file = tokenPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new TokenFileError(file, `cannot read it (${(e as Error).message})`);
    const token = generateToken();
    try {
      await writeAtomically(dataDir, file, `${token}\n`);
    } catch (w) {
      throw new TokenFileError(file, `cannot write it (${(w as Error).message})`);
    }
    return { token, created: true };
  }
  const token = text.trim();
  if (!isValidToken(token)) throw new TokenFileError(file, `it must hold one token, ${TOKEN_RULE}`);
  // A token file others can read is a token others can use: tighten it (POSIX; Windows has no such bits).
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return { token, created: false };
}
