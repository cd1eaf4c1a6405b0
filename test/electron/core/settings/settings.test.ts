import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultDataDir,
  loadSettings,
  saveSettings,
  SettingsError,
  settingsPath,
  validateSettings,
} from '../../../../electron/core/settings/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'osi-settings-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('defaultDataDir', () => {
  it.each([
    ['linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/x/cfg/otel-sentry-inspector'],
    ['linux', {}, '/home/u/.config/otel-sentry-inspector'],
    ['darwin', {}, '/home/u/Library/Application Support/otel-sentry-inspector'],
    ['win32', { APPDATA: '/c/Users/u/AppData/Roaming' }, '/c/Users/u/AppData/Roaming/otel-sentry-inspector'],
  ] as const)('%s %o → %s', (platform, env, expected) => {
    expect(defaultDataDir(platform, env, '/home/u').split('\\').join('/')).toBe(expected);
  });
});

describe('validateSettings', () => {
  it.each([
    [{ maxSpans: -3 }, 'maxSpans must be a positive integer up to 100000000, got -3'],
    [{ maxSpans: 1.5 }, 'maxSpans must be a positive integer up to 100000000, got 1.5'],
    [{ maxBytes: '1GB' }, 'maxBytes must be a positive integer, got "1GB"'],
    [{ idleTimeoutMs: 0 }, 'idleTimeoutMs must be a positive integer up to 86400000, got 0'],
    [{ idleTimeoutMs: null }, 'idleTimeoutMs must be a positive integer up to 86400000, got null'],
    [[1, 2], 'settings must be a JSON object, got [1,2]'],
  ])('%o → %s', (raw, message) => {
    expect(validateSettings(raw).errors).toEqual([message]);
  });

  it('fills defaults and keeps unknown fields', () => {
    expect(validateSettings({ maxSpans: 10, sentryDsn: 'x' })).toEqual({
      settings: { maxSpans: 10, maxBytes: 512 * 1024 * 1024, idleTimeoutMs: 5000, sentryDsn: 'x' },
      errors: [],
    });
  });
});

describe('settings file', () => {
  it('loads defaults when there is no file', async () => {
    expect(await loadSettings(join(tempDir(), 'missing'))).toMatchObject({
      maxSpans: 200_000,
      idleTimeoutMs: 5000,
    });
  });

  it('saves atomically, merging into the file and keeping unknown fields', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    await saveSettings(dir, { maxSpans: 1000 });
    writeFileSync(
      settingsPath(dir),
      JSON.stringify({ ...JSON.parse(readFileSync(settingsPath(dir), 'utf8')), future: { a: 1 } }),
    );
    const saved = await saveSettings(dir, { idleTimeoutMs: 2000 });
    expect(saved).toEqual({
      maxSpans: 1000,
      maxBytes: 512 * 1024 * 1024,
      idleTimeoutMs: 2000,
      future: { a: 1 },
    });
    expect(await loadSettings(dir)).toEqual(saved);
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temp files left behind
  });

  it('refuses to save a bad value and leaves the file as it was', async () => {
    const dir = tempDir();
    await saveSettings(dir, { maxSpans: 5 });
    const before = readFileSync(settingsPath(dir), 'utf8');
    await expect(saveSettings(dir, { maxSpans: -3 })).rejects.toThrow('maxSpans must be a positive integer');
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it.each([
    ['{ not json', /not valid JSON/],
    [
      '{"maxSpans": 0, "maxBytes": -1}',
      /maxSpans must be a positive integer.*; maxBytes must be a positive integer, got -1/,
    ],
  ])('names what is wrong with a bad file: %s', async (content, message) => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), content);
    const err = await loadSettings(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as Error).message).toContain(settingsPath(dir));
    expect((err as Error).message).toMatch(message);
  });
});
