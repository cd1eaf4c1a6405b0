export { APP_DIR_NAME, defaultDataDir } from './data-dir.js';
export { loadSettings, saveSettings, settingsPath, SettingsError, SETTINGS_FILE } from './settings-file.js';
export {
  defaultSettings,
  SETTINGS_FIELDS,
  validateSettings,
  type FieldSpec,
  type Settings,
} from './settings-schema.js';
export { SettingsService } from './settings-service.js';
