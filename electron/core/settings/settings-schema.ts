// The settings fields, their defaults and checks. A feature adds its fields to SETTINGS_FIELDS; the file
// may hold fields this version does not know (newer versions, other features) and they are kept as is.

export interface Settings {
  maxSpans: number;
  maxBytes: number;
  idleTimeoutMs: number;
  /** Fields this table does not know, preserved on save. */
  [field: string]: unknown;
}

interface FieldSpec {
  default: unknown;
  /** An error message naming the field, or null when the value is fine. */
  check(value: unknown, field: string): string | null;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

function positiveInteger(max = Number.MAX_SAFE_INTEGER) {
  return (value: unknown, field: string): string | null =>
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= max
      ? null
      : `${field} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${describe(value)}`;
}

const SETTINGS_FIELDS: Record<string, FieldSpec> = {
  maxSpans: { default: 200_000, check: positiveInteger(100_000_000) },
  maxBytes: { default: 512 * 1024 * 1024, check: positiveInteger() },
  idleTimeoutMs: { default: 5000, check: positiveInteger(24 * 3600 * 1000) },
  // Targets and sampling rules (electron/core/forwarding/forwarding-settings.ts reads them, forgivingly, and
  // reports a bad target by id rather than refusing to start). Absent until forwarding is first set up.
  forwarding: {
    default: undefined,
    check: (v, field) =>
      v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v))
        ? null
        : `${field} must be an object {targets, sampling}, got ${describe(v)}`,
  },
};

export function defaultSettings(): Settings {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(SETTINGS_FIELDS)) out[k] = spec.default;
  return out as Settings;
}

/** Missing known fields get their defaults; wrong ones are errors naming the field. */
export function validateSettings(raw: unknown): { settings: Settings; errors: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { settings: defaultSettings(), errors: [`settings must be a JSON object, got ${describe(raw)}`] };
  const settings = { ...defaultSettings(), ...(raw as Record<string, unknown>) } as Settings;
  const errors: string[] = [];
  for (const [k, spec] of Object.entries(SETTINGS_FIELDS)) {
    const problem = spec.check(settings[k], k);
    if (problem) errors.push(problem);
  }
  return { settings, errors };
}
