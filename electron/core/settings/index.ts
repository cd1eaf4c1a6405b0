export { APP_DIR_NAME, defaultDataDir } from './data-dir.js';
export {
  loadSettings,
  readSettingsFile,
  saveSettings,
  settingsPath,
  SettingsError,
  SettingsFileError,
  SETTINGS_FILE,
} from './settings-file.js';
export {
  defaultSettings,
  SETTINGS_FIELDS,
  validateSettings,
  type FieldSpec,
  type Settings,
} from './settings-schema.js';
export { SettingsService, type SettingsChange } from './settings-service.js';
