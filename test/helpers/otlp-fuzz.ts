// Seeded mutators for fuzzing the OTLP decoders: byte-level damage for protobuf, text- and structure-level
// damage for JSON. Deterministic for a given PRNG.
import { toOtlpJson } from './otlp-payloads.js';
import type { PbObject } from './otlp-proto.js';

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function mutateBytes(rand: Rand, input: Uint8Array): Uint8Array {
  let b: Uint8Array = Uint8Array.from(input);
  const rounds = 1 + int(rand, 4);
  for (let r = 0; r < rounds; r++) {
    const at = int(rand, Math.max(1, b.length));
    switch (int(rand, 8)) {
      case 0: // flip a bit
        b[at] = b[at]! ^ (1 << int(rand, 8));
        break;
      case 1: // random byte
        b[at] = int(rand, 256);
        break;
      case 2: // varint continuation / max
        b[at] = pick(rand, [0x80, 0xff, 0x7f, 0x00]);
        break;
      case 3: // truncate
        b = b.subarray(0, at);
        break;
      case 4: {
        // insert random bytes
        const ins = Uint8Array.from({ length: 1 + int(rand, 8) }, () => int(rand, 256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        break;
      }
      case 5: {
        // delete a range
        const n = 1 + int(rand, 16);
        b = concat(b.subarray(0, at), b.subarray(at + n));
        break;
      }
      case 6: {
        // duplicate a range (repeated fields, overlapping messages)
        const n = 1 + int(rand, 64);
        b = concat(b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n));
        break;
      }
      default: // big length prefix
        b[at] = 0xff;
        if (at + 1 < b.length) b[at + 1] = 0xff;
    }
  }
  return b;
}

const JSON_CHARS = '{}[]":,0123456789-eE.tfnulabcdefABCDEF\\ \n';

export function mutateJsonText(rand: Rand, text: string): string {
  let s = text;
  const rounds = 1 + int(rand, 3);
  for (let r = 0; r < rounds; r++) {
    const at = int(rand, Math.max(1, s.length));
    switch (int(rand, 4)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + int(rand, 8));
        break;
      case 1:
        s = s.slice(0, at) + pick(rand, JSON_CHARS.split('')) + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + pick(rand, JSON_CHARS.split('')) + s.slice(at + 1);
    }
  }
  return s;
}

const WEIRD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 64,
  -(2 ** 63),
  '',
  'x',
  '-1',
  '18446744073709551616',
  'NaN',
  '0'.repeat(32),
  'ZZ',
  'AAAA',
  'SPAN_KIND_SERVER',
  'STATUS_CODE_BOGUS',
  true,
  [],
  [1, 'a', null],
  {},
  { stringValue: 1 },
  { kvlistValue: { values: [{ key: 'k', value: { arrayValue: { values: [{}] } } }] } },
  { bytesValue: '!!' },
  // Long number text that fails at its end: must be refused in time linear in its length.
  `${'1'.repeat(5000)}x`,
  '9'.repeat(3000),
  `${'1'.repeat(2000)}.5e`,
  { doubleValue: `${'7'.repeat(4000)}x` },
  { intValue: '1'.repeat(4000) },
];

/** Replaces a few random nodes of a parsed OTLP/JSON request with odd values. */
export function mutateJsonStructure(rand: Rand, request: PbObject): unknown {
  const root = JSON.parse(JSON.stringify(toOtlpJson(request))) as unknown;
  const rounds = 1 + int(rand, 3);
  for (let r = 0; r < rounds; r++) {
    // Walk down a random path and replace what is there.
    let node = root as Record<string, unknown>;
    for (let depth = 0; depth < 12; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = pick(rand, keys);
      const child = node[key];
      if (child && typeof child === 'object' && rand() < 0.8) {
        node = child as Record<string, unknown>;
        continue;
      }
      node[key] = structuredClone(pick(rand, WEIRD_VALUES));
      break;
    }
  }
  return root;
}
