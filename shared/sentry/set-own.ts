// Building JSON objects whose keys come from telemetry (attribute names), which may be any string.

/**
 * obj[key] = value, also for the key "__proto__" (an attribute may be called that): plain assignment would
 * set the prototype instead of adding the property, and the value would vanish from the JSON.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
