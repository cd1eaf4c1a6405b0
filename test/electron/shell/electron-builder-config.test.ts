// electron-builder.yml is only read by `npm run dist` (which needs the network), so this test is what
// catches a broken file or a weakened fuse in everyday runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

function section(name: string): Record<string, unknown> {
  const value = config[name];
  expect(value, name).toBeTypeOf('object');
  return value as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it('names the app and writes into release/ (git-ignored)', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('OTel Sentry Inspector');
    expect(section('directories')).toEqual({ output: 'release', buildResources: 'build' });
    expect(readFileSync(new URL('.gitignore', root), 'utf8').split('\n')).toContain('release/');
  });

  it('packs the compiled app and package.json into an asar, without source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**/*', 'package.json', '!dist/**/*.map', '!dist/.tsbuildinfo*']);
    // package.json "main" is inside what is packed.
    expect(pkg.main).toBe('dist/electron/shell/main.js');
  });

  it('rebuilds nothing: every production dependency is pure JS', () => {
    expect(config.npmRebuild).toBe(false);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@grpc/grpc-js', '@sentry/core']);
  });

  it('sets the fuses of the security checklist', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it.each([
    ['linux', ['AppImage', 'deb']],
    ['mac', ['dmg']],
    ['win', ['nsis']],
  ])('%s targets %j', (platform, targets) => {
    expect(section(platform).target).toEqual(targets);
  });

  it('has what a deb needs (maintainer with an e-mail address, category)', () => {
    const linux = section('linux');
    expect(linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
    expect(linux.category).toBe('Development');
  });

  it('has an app icon in build/ (a PNG of at least 512×512, from which macOS and Windows icons are made)', () => {
    const png = readFileSync(new URL('build/icon.png', root));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
  });

  it('npm run dist builds first, then runs a pinned electron-builder on this file without publishing', () => {
    expect(pkg.scripts.dist).toMatch(
      /^npm run build && npx --yes electron-builder@\d+\.\d+\.\d+ --config electron-builder\.yml --publish never$/,
    );
  });
});
