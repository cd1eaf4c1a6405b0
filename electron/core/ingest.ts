// The seam between receivers and the store: a receiver decodes a request into a DecodedTraces and hands it
// to an IngestSink; the sink's answer becomes the OTLP partial_success the client sees.
import type { DecodedTraces } from '../../shared/model/span.js';

export interface IngestResult {
  /** Spans of this batch refused (by the decoder or the store): partial_success.rejected_spans. */
  rejectedSpans: number;
  /** partial_success.error_message: '' when everything was accepted. */
  errorMessage: string;
}

export interface IngestSink {
  /** Count, validate-reject and store one decoded request. Never throws for data reasons. */
  ingest(batch: DecodedTraces): IngestResult;
  /** A request that could not be decoded at all (its spans are unknown). */
  recordBadRequest(): void;
}
