// Options + settings.json → the inspector's config. Shared by the CLI and the Electron shell so both start
// the same inspector from the same flags (flags win over settings.json, which wins over defaults).
import type { InspectorConfig } from '../inspector.js';
import { defaultDataDir, loadSettings } from '../settings/index.js';
import { loadOrCreateToken } from '../settings/token-file.js';
import type { ServeOptions } from './options.js';

interface ServeConfig {
  inspector: InspectorConfig;
  dataDir: string;
}

/**
 * Throws SettingsError for a bad settings.json (its message names the file and the field), TokenFileError
 * for a token file that is unreadable or holds no token. Without --token, the token kept in the data dir.
 */
export async function resolveServeConfig(options: ServeOptions): Promise<ServeConfig> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const settings = await loadSettings(dataDir);
  return {
    dataDir,
    inspector: {
      hosts: options.hosts.length ? options.hosts : undefined,
      grpcPort: options.grpcPort,
      httpPort: options.httpPort,
      uiPort: options.uiPort,
      token: options.token ?? (await loadOrCreateToken(dataDir)).token,
      staticDir: options.uiDir,
      dataDir,
      limits: {
        maxSpans: options.maxSpans ?? settings.maxSpans,
        maxBytes: options.maxBytes ?? settings.maxBytes,
        idleTimeoutMs: options.idleTimeoutMs ?? settings.idleTimeoutMs,
      },
    },
  };
}
