import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadOrCreateToken,
  TokenFileError,
  tokenPath,
} from '../../../../electron/core/settings/token-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'osi-token-'));
  dirs.push(d);
  return d;
}
const posix = process.platform !== 'win32';

describe('the serve token kept in the data dir', () => {
  it('is made on first start (mode 0600, in a data dir that does not exist yet) and reused after', async () => {
    const dir = join(dataDir(), 'not', 'yet');
    const first = await loadOrCreateToken(dir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(tokenPath(dir), 'utf8')).toBe(`${first.token}\n`);
    if (posix) expect(statSync(tokenPath(dir)).mode & 0o777).toBe(0o600);
    await expect(loadOrCreateToken(dir)).resolves.toEqual({ token: first.token, created: false });
  });

  it('keeps a token put there by hand (whitespace around it ignored) and tightens loose permissions', async () => {
    const dir = dataDir();
    writeFileSync(tokenPath(dir), '  my-own-token.1  \n');
    if (posix) chmodSync(tokenPath(dir), 0o644);
    await expect(loadOrCreateToken(dir)).resolves.toEqual({ token: 'my-own-token.1', created: false });
    if (posix) expect(statSync(tokenPath(dir)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['not URL-safe', 'has spaces in it'],
    ['two lines', 'first-token-1\nsecond-token-2'],
  ])('refuses a file that holds no token (%s), naming it, and leaves it as it was', async (_what, text) => {
    const dir = dataDir();
    writeFileSync(tokenPath(dir), text);
    const err = await loadOrCreateToken(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenFileError);
    expect((err as Error).message).toContain(tokenPath(dir));
    expect((err as Error).message).toMatch(/8 to 256 URL-safe characters.*pass --token/);
    expect(readFileSync(tokenPath(dir), 'utf8')).toBe(text);
  });
});
