// Finds paths in tests, scripts, benchmarks and configs that climb out of the repository (e.g. a test that
// reads `../shared/…` beside the clone): a fresh clone with nothing beside it must have all it needs.
// Heuristic, on purpose simple: every relative path literal is resolved against the base it is used with —
// the file's own folder (imports, `new URL(…, import.meta.url)`, `resolve(import.meta.dirname, …)`), or the
// repository root (`resolve(REPO_ROOT, …)`, `process.cwd()`, package.json scripts, JSON/YAML configs) —
// and reported when it lands outside.
import { posix } from 'node:path';

export interface Climb {
  file: string;
  line: number;
  path: string;
  why: string;
}

/** A base name that means "the repository root" when a path is joined to it. */
const ROOT_BASE =
  /(?:^|[^\w])(?:[A-Z_]*ROOT[A-Z_]*|root|repoRoot|rootDir|PACKAGE_DIR|packageDir|process\.cwd\(\))\s*,\s*$/;
const JOIN_CALL = /(?:resolve|join)\(\s*([^,()]*(?:\([^()]*\))?[^,()]*)\s*,\s*$/;

function stripComments(src: string): string {
  // Keeps line numbers (comments become blanks of the same line count); leaves `http://` in strings alone.
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** How far `rel` climbs above its base: the number of leading `..` after normalising. */
export function climbs(rel: string): number {
  const norm = posix.normalize(rel.replace(/\\/g, '/'));
  let n = 0;
  for (const seg of norm.split('/')) {
    if (seg !== '..') break;
    n++;
  }
  return n;
}

const depthOf = (fileRel: string) => fileRel.split('/').length - 1;
const lineAt = (src: string, index: number) => src.slice(0, index).split('\n').length;
const isRelative = (s: string) => /^\.\.?(?:[/\\]|$)/.test(s);

/** Paths in JS/TS source (fileRel is the path from the repository root, with `/`). */
export function climbingPathsInCode(fileRel: string, source: string): Climb[] {
  const src = stripComments(source);
  const out: Climb[] = [];
  for (const m of src.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const value = m[2]!.split('${')[0]!;
    if (!isRelative(value) || climbs(value) === 0) continue;
    const before = src.slice(Math.max(0, m.index - 120), m.index);
    const call = JOIN_CALL.exec(before);
    const fromRoot = !!call && ROOT_BASE.test(before) && !/import\.meta|__dirname/.test(call[1]!);
    const depth = fromRoot ? 0 : depthOf(fileRel);
    if (climbs(value) > depth)
      out.push({
        file: fileRel,
        line: lineAt(src, m.index),
        path: value,
        why: fromRoot
          ? 'climbs out of the repository root'
          : `climbs ${climbs(value)} levels from ${fileRel}`,
      });
  }
  return out;
}

/** Paths in a shell script: `$(dirname "$0")/…` is relative to the script, anything else to the root. */
export function climbingPathsInShell(fileRel: string, source: string): Climb[] {
  const out: Climb[] = [];
  source.split('\n').forEach((text, i) => {
    const code = text.replace(/(^|\s)#.*$/, '$1');
    for (const m of code.matchAll(
      /(\$\(dirname\s+"?\$0"?\)\/)?(?<![\w.])(\.\.(?![.\w-])(?:\/[^\s"';)]*)?)/g,
    )) {
      const fromScript = !!m[1];
      const depth = fromScript ? depthOf(fileRel) : 0;
      if (climbs(m[2]!) > depth)
        out.push({ file: fileRel, line: i + 1, path: m[0], why: 'climbs out of the repository' });
    }
  });
  return out;
}

/** Paths in JSON/YAML configs and package.json scripts: all relative to the repository root. */
export function climbingPathsInConfig(fileRel: string, source: string): Climb[] {
  const out: Climb[] = [];
  source.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/(?:^|[\s"'=:,[(])(\.\.[/\\][^\s"',\])]*)/g))
      out.push({ file: fileRel, line: i + 1, path: m[1]!, why: 'climbs out of the repository root' });
  });
  return out;
}
