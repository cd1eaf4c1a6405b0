// Raw protobuf bytes by hand, for payloads protobufjs will not produce: unknown fields, wrong wire types,
// groups, truncation, invalid UTF-8, absurd nesting.
export function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

export const tag = (field: number, wireType: number): number[] => varint((field << 3) | wireType);

export function bytes(...parts: (number[] | Uint8Array)[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A length-delimited field. */
export function len(field: number, ...payload: (number[] | Uint8Array)[]): number[] {
  const body = bytes(...payload);
  const out = [...tag(field, 2), ...varint(body.length)];
  for (let i = 0; i < body.length; i++) out.push(body[i]!);
  return out;
}

export const str = (field: number, s: string): number[] => len(field, new TextEncoder().encode(s));

export function fixed64(field: number, v: bigint): number[] {
  const out = tag(field, 1);
  for (let i = 0n; i < 8n; i++) out.push(Number((v >> (8n * i)) & 0xffn));
  return out;
}

export function fixed32(field: number, v: number): number[] {
  const out = tag(field, 5);
  for (let i = 0; i < 4; i++) out.push((v >>> (8 * i)) & 0xff);
  return out;
}

/** A minimal valid span body (trace_id, span_id, name) to wrap extra fields around. */
export function spanBody(...extra: number[][]): number[] {
  return [
    ...len(
      1,
      Array.from({ length: 16 }, (_, i) => i + 1),
    ),
    ...len(
      2,
      Array.from({ length: 8 }, (_, i) => i + 1),
    ),
    ...str(5, 'raw'),
    ...extra.flat(),
  ];
}

/** ExportTraceServiceRequest{resource_spans{scope_spans{spans}}} around raw span bodies. */
export function requestWithSpans(...spanBodies: number[][]): Uint8Array {
  return bytes(len(1, len(2, ...spanBodies.map((b) => len(2, b)))));
}

/** An attribute KeyValue{key, value} where value is raw AnyValue bytes. */
export const keyValue = (key: string, anyValue: number[]): number[] => [...str(1, key), ...len(2, anyValue)];
