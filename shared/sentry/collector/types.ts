// The collector profile's input settings, its result, and the per-span record its builders share.
import type { MergedException } from '../inference/duplicate-exceptions.js';
import type { Span } from '../../model/span.js';
import type { Descriptors } from '../descriptors.js';
import type { SdkInfo, SentrySpan, TransactionEvent, ErrorEvent } from '../payload.js';
import type { Provenance } from '../provenance.js';
import type { StatusResult } from '../status.js';

/** The SDK the classic exporter announces (sentry_exporter.go constants). */
export const CLASSIC_SDK: Readonly<SdkInfo> = Object.freeze({
  name: 'sentry.opentelemetry',
  version: '0.0.2',
});

export interface MappingSettings {
  /** The exporter's `environment` setting: wins over the resource's. */
  environment?: string;
  /** A release to stamp on every event: wins over service.version. */
  release?: string;
}

export type Placement =
  | { where: 'transaction'; transaction: number }
  | { where: 'span'; transaction: number; index: number }
  | { where: 'dropped'; reason: 'no-transaction-root' };

export interface TagIssue {
  spanIndex: number;
  key: string;
  /** Whether the tag was cut (option on) or goes out over the limit (option off). */
  cut: boolean;
}

export interface CollectorMapping {
  transactions: TransactionEvent[];
  errors: ErrorEvent[];
  /** Where each input span went, by input index. */
  placement: Placement[];
  /** For each error event, the input index of the span that carried it and the exception event's index. */
  errorSources: { spanIndex: number; eventIndex: number }[];
  /** Exception events that produced no error (neither type nor message), by input span index. */
  emptyExceptions: { spanIndex: number; eventIndex: number }[];
  /**
   * dedupeExceptions: exception events that made no error event because they repeat one on an inner span
   * (or earlier on the same span), each with the record kept (empty when the option is off).
   */
  mergedExceptions: MergedException[];
  /** Input indices of transaction roots found by the classic rule (parent empty, SERVER or CONSUMER). */
  rootCount: number;
  tagIssues: TagIssue[];
  /** JSON pointer ('/transactions/0/tags/http.method') → where the value came from. */
  provenance: Record<string, Provenance> | null;
}

/** One input span converted to a Sentry span, with what the event builders read back from it. */
export interface Converted {
  index: number;
  span: Span;
  out: SentrySpan;
  desc: Descriptors;
  status: StatusResult;
  /** Pointer relative to the span object → provenance (null when not recorded). */
  prov: Map<string, Provenance> | null;
}
