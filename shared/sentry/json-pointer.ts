// JSON pointers (RFC 6901): how provenance, differences, lints and the UI name a field of a preview payload.

/** A JSON pointer token: `~` → `~0`, `/` → `~1`. */
export function pointerToken(token: string | number): string {
  const s = String(token);
  return s.indexOf('~') === -1 && s.indexOf('/') === -1 ? s : s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer made of these tokens: pointer('tags', 'a/b') → '/tags/a~1b'. */
export function pointer(...tokens: (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += '/' + pointerToken(t);
  return out;
}

/** The value a JSON pointer designates in `root` (own properties only), or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
