// OTel's `exception` span event (semantic conventions: exception.type, .message, .stacktrace, .escaped), read
// the same way by the Sentry mapping and by the UI.
import { findAttribute } from './attributes.js';
import type { KeyValue } from './span.js';

/**
 * `exception.escaped`: whether the exception left the span's scope. A boolean by the conventions; the
 * strings "true" and "false" are read too (some SDKs stringify attributes). Undefined when absent or other.
 */
export function exceptionEscaped(attrs: readonly KeyValue[]): boolean | undefined {
  const v = findAttribute(attrs, 'exception.escaped');
  if (!v) return undefined;
  if ('boolValue' in v) return v.boolValue;
  if ('stringValue' in v && (v.stringValue === 'true' || v.stringValue === 'false'))
    return v.stringValue === 'true';
  return undefined;
}
