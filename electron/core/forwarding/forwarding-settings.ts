// The `forwarding` field of settings.json: targets and sampling rules. Target secrets (the DSN, header
// values) are sealed with the injected SecretCodec when there is one; without one they are stored as typed,
// in the 0600 settings file. Reading is forgiving: a target that cannot be read (sealed by a codec this
// process lacks, or invalid after a hand edit) is reported by id and skipped, never fatal to start-up.
import { validateTarget } from '../../../shared/forwarding/targets.js';
import type { ForwardTarget } from '../../../shared/forwarding/target-types.js';
import { validateSamplingRules } from '../../../shared/sampling/rules.js';
import { DEFAULT_SAMPLING_RULES, type SamplingRules } from '../../../shared/sampling/types.js';
import type { SecretCodec } from './secret-codec.js';

export const FORWARDING_FIELD = 'forwarding';

/** A target as written to the file: secrets either in place or in `sealed`. */
type StoredTarget = Omit<ForwardTarget, 'dsn' | 'headers'> & {
  dsn?: string;
  headers?: Record<string, string>;
  sealed?: { codec: string; data: string };
};

interface StoredForwarding {
  targets: StoredTarget[];
  sampling: SamplingRules;
}

export interface LoadedForwarding {
  targets: ForwardTarget[];
  sampling: SamplingRules;
  /** Targets that could not be read, by id (or index), with why; the file keeps them until replaced. */
  problems: { id: string; problem: string }[];
}

export function encodeForwarding(
  targets: readonly ForwardTarget[],
  sampling: SamplingRules,
  codec: SecretCodec | null,
): StoredForwarding {
  return {
    targets: targets.map((t) => {
      if (codec === null) return { ...t };
      const { dsn, headers, ...rest } = t;
      const secrets: { dsn?: string; headers?: Record<string, string> } = {};
      if (dsn !== undefined) secrets.dsn = dsn;
      if (headers !== undefined) secrets.headers = headers;
      return { ...rest, sealed: { codec: codec.name, data: codec.seal(JSON.stringify(secrets)) } };
    }),
    sampling,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeForwarding(raw: unknown, codec: SecretCodec | null): LoadedForwarding {
  const out: LoadedForwarding = { targets: [], sampling: { ...DEFAULT_SAMPLING_RULES }, problems: [] };
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    out.problems.push({ id: FORWARDING_FIELD, problem: 'the forwarding settings are not a JSON object' });
    return out;
  }
  if (raw.sampling !== undefined) {
    const { rules, errors } = validateSamplingRules(raw.sampling);
    if (errors.length) out.problems.push({ id: 'sampling', problem: errors.join('; ') });
    else out.sampling = rules;
  }
  const list = Array.isArray(raw.targets) ? raw.targets : [];
  list.forEach((stored: unknown, i) => {
    if (!isObject(stored) || typeof stored.id !== 'string') {
      out.problems.push({ id: `targets[${i}]`, problem: 'not a target object with an id' });
      return;
    }
    const { id, sealed, ...fields } = stored;
    let input: Record<string, unknown> = fields;
    if (sealed !== undefined) {
      const s = sealed as { codec?: unknown; data?: unknown };
      if (codec === null || s.codec !== codec.name || typeof s.data !== 'string') {
        out.problems.push({
          id,
          problem: `its secrets are encrypted by ${String(s.codec)}, which this process cannot open (start the desktop app, or enter the DSN again)`,
        });
        return;
      }
      try {
        input = { ...fields, ...(JSON.parse(codec.open(s.data)) as Record<string, unknown>) };
      } catch {
        out.problems.push({ id, problem: 'its encrypted secrets could not be opened: enter the DSN again' });
        return;
      }
    }
    const r = validateTarget(id, input);
    if (r.target === null) out.problems.push({ id, problem: r.errors.join('; ') });
    else out.targets.push(r.target);
  });
  return out;
}
