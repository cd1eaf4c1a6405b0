import { describe, expect, it } from 'vitest';
import { safeStorageCodec, type SafeStorageLike } from '../../../electron/shell/safe-storage-codec.js';
import { decodeForwarding, encodeForwarding } from '../../../electron/core/forwarding/forwarding-settings.js';
import { DEFAULT_SAMPLING_RULES } from '../../../shared/sampling/types.js';

function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      calls.push('encrypt');
      return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a));
    },
    decryptString: (b) => {
      calls.push('decrypt');
      return Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8');
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

const DSN = 'https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/7';

describe('safeStorageCodec', () => {
  it('seals target secrets so the settings file never holds the DSN, and opens them again', () => {
    const safe = fakeSafeStorage(true);
    const codec = safeStorageCodec(safe, 'darwin')!;
    const target = { id: 's', kind: 'sentry-envelope' as const, enabled: true, dsn: DSN, resourceRules: [] };
    const stored = encodeForwarding([target], DEFAULT_SAMPLING_RULES, codec);
    const text = JSON.stringify(stored);
    expect(text).not.toContain('0123456789abcdef0123456789abcdef');
    expect(text).toContain('electron-safeStorage');
    expect(decodeForwarding(JSON.parse(text), codec).targets).toEqual([target]);
    expect(safe.calls).toEqual(['encrypt', 'decrypt']);
  });

  it('is null where the OS offers no real encryption', () => {
    expect(safeStorageCodec(fakeSafeStorage(false), 'darwin')).toBeNull();
    expect(safeStorageCodec(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeNull();
    expect(safeStorageCodec(fakeSafeStorage(true, 'gnome_libsecret'), 'linux')).not.toBeNull();
    expect(safeStorageCodec(undefined)).toBeNull();
  });
});
