export { defaultDataDir } from './data-dir.js';
export {
  loadSettings,
  saveSettings,
  settingsPath,
  SettingsError,
  SettingsFileError,
} from './settings-file.js';
export { defaultSettings, validateSettings, type Settings } from './settings-schema.js';
export { SettingsService } from './settings-service.js';
