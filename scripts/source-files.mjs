// The source files under a folder, for the repository checks (check-layers.mjs, check-exports.mjs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Never read: build output, dependencies, and hidden folders (.git, .ci). */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-bench', 'release', 'coverage']);
export const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Declaration files describe another file (scripts/start.mjs ↔ start.d.mts): they are not sources. */
export const DECLARATION = /\.d\.(ts|mts|cts)$/;

/** Every TypeScript/JavaScript file below `dir` (recursively), declaration files excepted. */
export function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (CODE.test(name) && !DECLARATION.test(name)) yield full;
  }
}
