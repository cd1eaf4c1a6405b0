// Provenance: for each field the mapper writes, where its value came from, keyed by a JSON pointer
// (RFC 6901) into the preview payload, so the UI can show it beside the field.
import type { OptionName } from './options.js';

type ProvenanceSource =
  /** A span attribute (`key`). */
  | 'attribute'
  /** A resource attribute (`key`). */
  | 'resource'
  /** A field of the OTLP span itself (`key`: name, spanId, startTimeUnixNano, status.code, …). */
  | 'span'
  /** The instrumentation scope (`key`: name, version). */
  | 'scope'
  /** An attribute of the `exception` span event (`key`). */
  | 'event'
  /** Computed by a mapping rule (`rule`). */
  | 'rule'
  /** A constant of the exporter. */
  | 'default'
  /** A value given in the settings (environment, release, dsn). */
  | 'setting';

export interface Provenance {
  source: ProvenanceSource;
  key?: string;
  rule?: string;
  /** The option that produced this field (absent: the classic exporter does the same). */
  option?: OptionName;
  note?: string;
}
