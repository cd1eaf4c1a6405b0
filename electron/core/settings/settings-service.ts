// The running inspector's settings: read at start, changed through the API (validated, saved atomically
// when there is a data dir) and applied to whatever depends on them (the store's limits) at once.
import { settingsPath, saveSettings, SettingsError } from './settings-file.js';
import { validateSettings, type Settings } from './settings-schema.js';

export class SettingsService {
  private current: Settings;
  private readonly listeners: ((s: Settings) => void)[] = [];

  /** dataDir null: changes apply but are not saved (e.g. tests, or a read-only setup). */
  constructor(
    private readonly dataDir: string | null,
    initial: Settings,
  ) {
    this.current = initial;
  }

  get file(): string | null {
    return this.dataDir === null ? null : settingsPath(this.dataDir);
  }

  get(): Settings {
    return { ...this.current };
  }

  onChange(listener: (s: Settings) => void): void {
    this.listeners.push(listener);
  }

  /** Merges `patch`, validates (SettingsError naming each bad field), saves, applies. */
  async update(patch: unknown): Promise<Settings> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw new SettingsError(this.file ?? 'settings', [
        'the body must be a JSON object of fields to change',
      ]);
    const merged = { ...this.current, ...(patch as Record<string, unknown>) };
    const { settings, errors } = validateSettings(merged);
    if (errors.length) throw new SettingsError(this.file ?? 'settings', errors);
    // Only the fields asked for are written: limits that came from flags at start stay out of the file.
    if (this.dataDir !== null) await saveSettings(this.dataDir, patch as Partial<Settings>);
    this.current = settings;
    for (const l of this.listeners) l(this.get());
    return this.get();
  }
}
