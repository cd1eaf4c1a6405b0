// The running inspector's settings: read at start, changed through the API (validated, saved atomically
// when there is a data dir) and applied to whatever depends on them (the store's limits) at once.
//
// Changes go through one writer: each runs after the previous one finished, is computed from the settings
// in force at that moment and re-reads the file before merging into it, so concurrent changes of
// different fields all survive, in memory and on disk. A change that cannot be saved is not applied.
import { settingsPath, saveSettings, SettingsError } from './settings-file.js';
import { validateSettings, type Settings } from './settings-schema.js';

/** Top-level fields to set, computed from the settings in force when the change runs. */
type SettingsChange = (current: Readonly<Settings>) => Record<string, unknown>;

export class SettingsService {
  private current: Settings;
  private readonly listeners: ((s: Settings) => void)[] = [];
  /** The tail of the writer queue: resolves when every change queued so far has finished. */
  private tail: Promise<unknown> = Promise.resolve();

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

  /** Sets the fields of `patch` (a JSON object from a client): see change(). */
  update(patch: unknown): Promise<Settings> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      return Promise.reject(
        new SettingsError(this.file ?? 'settings', ['the body must be a JSON object of fields to change']),
      );
    return this.change(() => patch as Record<string, unknown>);
  }

  /**
   * Queues a change and resolves to the settings in force after it. `compute` runs inside the writer, on
   * the latest settings, so a read-modify-write (e.g. adding an entry to a list field) cannot lose a
   * concurrent one. Rejects with SettingsError (a bad value: 400), or SettingsFileError (the file is
   * invalid: 409, or cannot be written: 500), in which case nothing was applied or written.
   */
  change(compute: SettingsChange): Promise<Settings> {
    const run = this.tail.then(() => this.apply(compute(this.get())));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async apply(patch: Record<string, unknown>): Promise<Settings> {
    const { settings, errors } = validateSettings({ ...this.current, ...patch });
    if (errors.length) throw new SettingsError(this.file ?? 'settings', errors);
    // Only the fields asked for are written: limits that came from flags at start stay out of the file.
    if (this.dataDir !== null) await saveSettings(this.dataDir, patch);
    this.current = settings;
    for (const l of this.listeners) l(this.get());
    return this.get();
  }
}
