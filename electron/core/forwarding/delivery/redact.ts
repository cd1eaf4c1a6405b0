// Secrets never leave delivery: every text that reaches an event, a status or a log passes through here.

/** Longest response body excerpt kept for a failed request. */
const EXCERPT_CHARS = 500;

/** Replaces every secret (longest first, so a key inside a longer secret is not half-masked) with `***`. */
export function redact(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets || secrets.length === 0) return text;
  let out = text;
  for (const s of [...secrets].filter((x) => x.length > 0).sort((a, b) => b.length - a.length))
    out = out.split(s).join('***');
  return out;
}

/** A response body cut to a readable excerpt (whitespace collapsed), secrets masked. */
export function bodyExcerpt(body: string, secrets: readonly string[] | undefined): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const cut = flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
  return redact(cut, secrets);
}

/** The secrets of a target: the ones it lists, plus `sentry_key`/`sentry_secret` found in its auth header. */
export function targetSecrets(
  redactList: readonly string[] | undefined,
  headers: Record<string, string>,
): string[] {
  const out = [...(redactList ?? [])];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'x-sentry-auth') continue;
    for (const m of value.matchAll(/sentry_(?:key|secret)=([^,\s]+)/g)) out.push(m[1]!);
  }
  return out;
}
