// A recording IngestSink for receiver tests: keeps every decoded span and counts what the receivers
// report, answering with partial success exactly as the store does for decoder rejections.
import type { IngestResult, IngestSink } from '../../electron/core/ingest.js';
import type { DecodedTraces, Span } from '../../shared/model/span.js';

export class RecordingSink implements IngestSink {
  spans: Span[] = [];
  batches: DecodedTraces[] = [];
  badRequests = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  ingest(batch: DecodedTraces): IngestResult {
    this.batches.push(batch);
    this.spans.push(...batch.spans);
    const rejectedSpans = batch.rejected.reduce((n, r) => n + r.count, 0);
    this.waiters = this.waiters.filter((w) => (this.spans.length >= w.count ? (w.resolve(), false) : true));
    return { rejectedSpans, errorMessage: batch.errors.join('; ') };
  }

  recordBadRequest(): void {
    this.badRequests++;
  }

  /** Resolves once at least `count` spans have arrived. */
  waitForSpans(count: number): Promise<void> {
    if (this.spans.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  clear(): void {
    this.spans = [];
    this.batches = [];
    this.badRequests = 0;
  }
}
