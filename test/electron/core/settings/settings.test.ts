import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultDataDir,
  loadSettings,
  saveSettings,
  SettingsError,
  SettingsFileError,
  SettingsService,
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
    expect(saved).toEqual({ maxSpans: 1000, idleTimeoutMs: 2000, future: { a: 1 } });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual(saved);
    expect(await loadSettings(dir)).toEqual({ ...saved, maxBytes: 512 * 1024 * 1024 });
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temp files left behind
  });

  it('writes only the fields given on an empty data dir, not the defaults of the others', async () => {
    const dir = tempDir();
    await saveSettings(dir, { idleTimeoutMs: 2000 });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({ idleTimeoutMs: 2000 });
  });

  it.each([
    ['not JSON', '{"maxSpans": 10, "mine": 1'],
    ['a bad value', '{"maxSpans": 0, "mine": 1}'],
    ['not an object', '[1]'],
  ])('leaves a file that went bad (%s) as it is and names it', async (_n, content) => {
    const dir = tempDir();
    writeFileSync(settingsPath(dir), content);
    const err = await saveSettings(dir, { idleTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsFileError);
    expect(err).toMatchObject({ reason: 'invalid', file: settingsPath(dir) });
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe(content);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('reports a file it cannot read as an I/O problem naming it', async () => {
    const dir = tempDir();
    mkdirSync(settingsPath(dir)); // a directory where the file should be
    const err = await saveSettings(dir, { maxSpans: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsFileError);
    expect(err).toMatchObject({ reason: 'io', file: settingsPath(dir) });
    expect((err as Error).message).toMatch(/cannot read/);
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

describe('SettingsService writer', () => {
  const limits = { maxSpans: 1000, maxBytes: 2048, idleTimeoutMs: 5000 };

  it('keeps every one of ten concurrent changes of different fields, in memory and on disk', async () => {
    const dir = tempDir();
    const service = new SettingsService(dir, { ...limits });
    const patches: Record<string, unknown>[] = [
      { maxSpans: 7 },
      { idleTimeoutMs: 900 },
      { maxBytes: 4096 },
      ...Array.from({ length: 7 }, (_, i) => ({ [`field${i}`]: i })),
    ];
    const results = await Promise.all(patches.map((p) => service.update(p)));
    const all = Object.assign({}, ...patches) as Record<string, unknown>;
    expect(service.get()).toEqual(all);
    expect(results.at(-1)).toEqual(all);
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual(all);
  });

  it('races maxSpans against idleTimeoutMs without losing either', async () => {
    const dir = tempDir();
    const service = new SettingsService(dir, { ...limits });
    const seen: unknown[] = [];
    service.onChange((s) => seen.push(s));
    await Promise.all([service.update({ maxSpans: 11 }), service.update({ idleTimeoutMs: 22 })]);
    expect(service.get()).toMatchObject({ maxSpans: 11, idleTimeoutMs: 22 });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({ maxSpans: 11, idleTimeoutMs: 22 });
    expect(seen.at(-1)).toMatchObject({ maxSpans: 11, idleTimeoutMs: 22 });
  });

  it('runs change() on the latest settings, so concurrent read-modify-writes of a list all land', async () => {
    const dir = tempDir();
    const service = new SettingsService(dir, { ...limits });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.change((s) => ({ targets: [...((s.targets as number[] | undefined) ?? []), i] })),
      ),
    );
    const expected = Array.from({ length: 20 }, (_, i) => i);
    expect(service.get().targets).toEqual(expected);
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8')).targets).toEqual(expected);
  });

  it('applies nothing when the file went bad, and keeps serving the changes after it is fixed', async () => {
    const dir = tempDir();
    const service = new SettingsService(dir, { ...limits });
    writeFileSync(settingsPath(dir), '{"maxSpans": 5, "mine": tru');
    await expect(service.update({ maxSpans: 9 })).rejects.toBeInstanceOf(SettingsFileError);
    expect(service.get()).toEqual(limits);
    expect(readFileSync(settingsPath(dir), 'utf8')).toBe('{"maxSpans": 5, "mine": tru');
    writeFileSync(settingsPath(dir), '{"mine": true}');
    expect(await service.update({ maxSpans: 9 })).toMatchObject({ maxSpans: 9 });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({ mine: true, maxSpans: 9 });
  });

  it('refuses a bad value without touching the others queued behind it', async () => {
    const service = new SettingsService(null, { ...limits });
    const [bad, good] = await Promise.allSettled([
      service.update({ maxSpans: -1 }),
      service.update({ idleTimeoutMs: 10 }),
    ]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(SettingsError);
    expect(good.status).toBe('fulfilled');
    expect(service.get()).toEqual({ ...limits, idleTimeoutMs: 10 });
  });
});
