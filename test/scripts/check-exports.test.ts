import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { findUnusedExports } from '../../scripts/check-exports.mjs';
import { useFileTrees } from './file-tree.js';

interface Unused {
  file: string;
  line: number;
  name: string;
}
interface Allowed {
  file: string;
  names: string[] | '*';
  why: string;
}
const check = findUnusedExports as (
  root: string,
  allowed?: Allowed[],
) => { unused: Unused[]; stale: string[] };

const tree = useFileTrees('exports-');

/** `file:line name` of each unused export, for compact expectations. */
function unusedIn(files: Record<string, string>): string[] {
  const { unused, stale } = check(tree(files), []);
  expect(stale).toEqual([]);
  return unused.map((u) => `${u.file}:${u.line} ${u.name}`);
}

describe('unused-exports check', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'reports an export no other file imports, with its line',
      {
        'shared/a.ts': `const inner = 1;\n\nexport const unused = inner;\nexport function used() {}\n`,
        'test/a.test.ts': `import { used } from '../shared/a.js';`,
      },
      ['shared/a.ts:3 unused'],
    ],
    [
      'a use in its own file does not count, even through a self-import',
      {
        'electron/a.ts': `export interface Options { x: number }\nexport function f(o: Options) { return o.x; }\n`,
        'electron/b.ts': `import { f } from './a.js';\nf({ x: 1 });`,
        'electron/self.ts': `import { s as again } from './self.js';\nexport const s = 1;\nconsole.log(again);`,
      },
      ['electron/a.ts:1 Options', 'electron/self.ts:2 s'],
    ],
    [
      'types, interfaces, enums and classes are exports like values',
      {
        'shared/t.ts': `export type A = 1;\nexport interface B {}\nexport enum C { x }\nexport class D {}\nexport default function main() {}\n`,
      },
      ['shared/t.ts:1 A', 'shared/t.ts:2 B', 'shared/t.ts:3 C', 'shared/t.ts:4 D', 'shared/t.ts:5 default'],
    ],
    [
      'a type-only use counts (import type, inline type, import("x").T)',
      {
        'shared/t.ts': `export type A = 1;\nexport interface B {}\nexport type C = 2;\n`,
        'renderer/u.tsx': `import type { A } from '../shared/t.js';\nimport { type B } from '../shared/t';\nlet c: import('../shared/t.js').C;`,
      },
      [],
    ],
    [
      'a re-export chain passes the use on; an unused re-export is reported where it is and where it comes from',
      {
        'shared/x/impl.ts': `export const foo = 1;\nexport const bar = 2;\n`,
        'shared/x/index.ts': `export { foo, bar as baz } from './impl.js';\n`,
        'electron/use.ts': `import { foo } from '../shared/x/index.js';`,
      },
      ['shared/x/impl.ts:2 bar', 'shared/x/index.ts:1 baz'],
    ],
    [
      'export * passes on only the names used through it; one nothing uses is reported',
      {
        'shared/impl.ts': `export const foo = 1;\nexport const bar = 2;\n`,
        'shared/other.ts': `export const qux = 3;\n`,
        'shared/index.ts': `export * from './impl.js';\nexport * from './other.js';\n`,
        'electron/use.ts': `import { foo } from '../shared/index.js';`,
      },
      ['shared/impl.ts:2 bar', "shared/index.ts:2 * from './other.js'", 'shared/other.ts:1 qux'],
    ],
    [
      'an import re-exported by name and export * as ns are re-exports too',
      {
        'shared/impl.ts': `export const a = 1;\nexport const b = 2;\n`,
        'shared/all.ts': `export const c = 3;\n`,
        'shared/index.ts': `import { a, b } from './impl.js';\nexport { a, b };\nexport * as all from './all.js';\nconsole.log(b);\n`,
        'test/use.test.ts': `import { a, all } from '../shared/index.js';`,
      },
      ['shared/index.ts:2 b'],
    ],
    [
      'import * as ns uses what it reads; any other use of ns means all',
      {
        'shared/a.ts': `export const x = 1;\nexport const y = 2;\nexport type T = 3;\n`,
        'shared/b.ts': `export const p = 1;\nexport const q = 2;\n`,
        'electron/u.ts': `import * as a from '../shared/a.js';\nimport * as b from '../shared/b.js';\nconst t: a.T = a.x;\nObject.keys(b);`,
      },
      ['shared/a.ts:2 y'],
    ],
    [
      'dynamic import(): destructured or read names count; otherwise all',
      {
        'electron/a.ts': `export function run() {}\nexport function other() {}\n`,
        'electron/b.ts': `export function go() {}\nexport function stay() {}\n`,
        'electron/c.ts': `export const one = 1;\nexport const two = 2;\n`,
        'electron/u.ts': `const { run } = await import('./a.js');\nconst b = await import('./b.js');\nconst n = (await import('./c.js')).one;`,
      },
      ['electron/a.ts:2 other', 'electron/c.ts:2 two'],
    ],
    [
      'a module named by path (worker entry, task table) counts as used whole',
      {
        'electron/workers/task-a.ts': `export function task() {}\nexport const NAME = 'a';\n`,
        'electron/workers/tasks.ts': `export const TASKS = { a: new URL('./task-a.js', import.meta.url) };\n`,
        'electron/workers/pool.ts': `import { TASKS } from './tasks.js';\nconsole.log(TASKS);`,
      },
      [],
    ],
    [
      'test helpers are checked too; configs are users only; build output and packages are not users',
      {
        'test/helpers/h.ts': `export const never = 1;\nimport { y } from '../../bench/b.bench.js';\n`,
        'vite.config.ts': `export default {};\n`,
        'bench/b.bench.ts': `export const x = 1;\nexport const y = 2;\n`,
        'dist/bench/use.js': `import { x } from '../../bench/b.bench.js';\n`,
        'node_modules/p/use.js': `import { x } from '../../bench/b.bench.js';\n`,
      },
      ['bench/b.bench.ts:1 x', 'test/helpers/h.ts:1 never'],
    ],
    [
      'plain .mjs scripts are checked and resolved; their .d.mts is a description, not a source',
      {
        'scripts/s.mjs': `export function used() {}\nexport function unused() {}\n`,
        'scripts/s.d.mts': `export function used(): void;\nexport function unused(): void;\n`,
        'test/s.test.ts': `import { used } from '../scripts/s.mjs';`,
      },
      ['scripts/s.mjs:2 unused'],
    ],
  ])('%s', (_name, files, expected) => {
    expect(unusedIn(files)).toEqual(expected);
  });

  it('an allowlisted export is not reported, and an allowlist entry that matches nothing is', () => {
    const root = tree({
      'electron/entry.ts': `export function main() {}\nexport const other = 1;\n`,
      'electron/used.ts': `export const u = 1;\n`,
      'test/u.test.ts': `import { u } from '../electron/used.js';`,
    });
    const { unused, stale } = check(root, [
      { file: 'electron/entry.ts', names: ['main'], why: 'run by path' },
      { file: 'electron/used.ts', names: ['u'], why: 'no longer needed' },
    ]);
    expect(unused).toEqual([{ file: 'electron/entry.ts', line: 2, name: 'other' }]);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toContain("electron/used.ts: 'u'");
  });
});
