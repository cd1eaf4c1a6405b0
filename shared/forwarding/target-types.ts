// Forwarding targets as the settings file and the API hold them. Pure types: validation is in
// ./targets.ts, and what delivery receives (URL, headers) is derived there too.
import type { MappingOptions } from '../sentry/options.js';

/**
 * - sentry-envelope: a Sentry DSN, events mapped by the `collector` profile and POSTed as envelopes to
 *   /api/{project}/envelope/ with X-Sentry-Auth (Spotlight's sidecar `http://spotlight@localhost:8969/0` too);
 * - sentry-otlp: a Sentry DSN, spans POSTed as OTLP/HTTP to /api/{project}/integration/otlp/v1/traces;
 * - otlp-http: any OTLP/HTTP traces endpoint (Jaeger, another collector) with optional headers.
 */
export type ForwardTargetKind = 'sentry-envelope' | 'sentry-otlp' | 'otlp-http';
export const FORWARD_TARGET_KINDS: readonly ForwardTargetKind[] = [
  'sentry-envelope',
  'sentry-otlp',
  'otlp-http',
];

/** The collector `resource` processor's actions: insert (only if absent), update (only if present),
 *  upsert (always set), delete. */
export type ResourceAction = 'insert' | 'update' | 'upsert' | 'delete';
export const RESOURCE_ACTIONS: readonly ResourceAction[] = ['insert', 'update', 'upsert', 'delete'];

export interface ResourceRule {
  key: string;
  action: ResourceAction;
  /** The string value to set (required except for delete). */
  value?: string;
}

/** One target as the user writes it (PUT /api/v1/forwarding/targets/{id}). */
export interface ForwardTargetInput {
  /** Shown in the UI; defaults to the id. */
  name?: string;
  kind: ForwardTargetKind;
  /** Default true. Disabled targets get nothing from automatic sampling; selective send can still name them. */
  enabled?: boolean;
  /** Sentry kinds: the DSN. On PUT, the masked DSN that GET returned means "keep the stored one". */
  dsn?: string;
  /** otlp-http: the traces endpoint, e.g. http://localhost:4318/v1/traces. */
  url?: string;
  /** otlp-http: extra request headers (e.g. an API key). Values are masked in responses like the DSN. */
  headers?: Record<string, string>;
  /** sentry-envelope: the collector profile's option set (defaults overlaid). */
  options?: Partial<MappingOptions>;
  /** sentry-envelope: environment override (wins over the resource's deployment.environment). */
  environment?: string;
  /** sentry-envelope: release override (wins over service.version). */
  release?: string;
  /** Applied in order to each span's resource before mapping / encoding, for this target only. */
  resourceRules?: ResourceRule[];
}

/** A validated target with its id (the DSN and header values in clear: never sent out of the core). */
export interface ForwardTarget extends Omit<ForwardTargetInput, 'enabled' | 'resourceRules'> {
  id: string;
  enabled: boolean;
  resourceRules: ResourceRule[];
}
