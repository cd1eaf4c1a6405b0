// Forwarding secrets (DSNs, OTLP header values) in settings.json, encrypted by the OS through Electron's
// safeStorage (Keychain on macOS, DPAPI on Windows, the Secret Service / KWallet on Linux). The core only
// sees the SecretCodec seam; without encryption it writes them plainly into its 0600 settings file.
import type { SecretCodec } from '../core/forwarding/secret-codec.js';

/** The part of Electron's safeStorage used here (so tests can pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

const SAFE_STORAGE_CODEC = 'electron-safeStorage';

/**
 * A codec backed by safeStorage, or null where the OS offers no real encryption: unavailable, or Linux with
 * no keyring, where Electron falls back to `basic_text` (a fixed, public password) — that would only look
 * like protection, so the 0600 file is used instead and the API says which.
 */
export function safeStorageCodec(
  safe: SafeStorageLike | undefined,
  platform: NodeJS.Platform = process.platform,
): SecretCodec | null {
  if (!safe || !safe.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    name: SAFE_STORAGE_CODEC,
    seal: (plain) => safe.encryptString(plain).toString('base64'),
    open: (sealed) => safe.decryptString(Buffer.from(sealed, 'base64')),
  };
}
