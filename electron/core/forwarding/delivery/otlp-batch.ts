// Batching for OTLP targets, like the collector's `batch` processor: OTLP items of one target that wait
// together are merged into one request, up to a size, after at most a short window. Merging needs no decoding:
// - protobuf: an ExportTraceServiceRequest is `repeated ResourceSpans resource_spans = 1`, and concatenated
//   protobuf messages of one type parse as their merge (repeated fields append), so bodies are concatenated;
// - JSON: the `resourceSpans` arrays are concatenated (the only field of the request).

export interface BatchPolicy {
  /** How long the first item of a batch may wait for company (the processor's `timeout`). */
  windowMs: number;
  /** Send at once when a batch reaches this many body bytes (the processor's `send_batch_size`, in bytes). */
  maxBytes: number;
  /** And at most this many items per request. */
  maxItems: number;
}

export const DEFAULT_BATCH: BatchPolicy = { windowMs: 200, maxBytes: 1 << 20, maxItems: 512 };

export function mergeOtlpBodies(contentType: string, bodies: readonly Uint8Array[]): Uint8Array {
  if (bodies.length === 1) return bodies[0]!;
  if (contentType.includes('json')) {
    const dec = new TextDecoder();
    const resourceSpans: unknown[] = [];
    for (const b of bodies) {
      const req = JSON.parse(dec.decode(b)) as { resourceSpans?: unknown[]; resource_spans?: unknown[] };
      resourceSpans.push(...(req.resourceSpans ?? req.resource_spans ?? []));
    }
    return new TextEncoder().encode(JSON.stringify({ resourceSpans }));
  }
  let len = 0;
  for (const b of bodies) len += b.length;
  const out = new Uint8Array(len);
  let at = 0;
  for (const b of bodies) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
