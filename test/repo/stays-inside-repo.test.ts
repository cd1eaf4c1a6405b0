// Nothing in the tests, scripts, benchmarks or configs may read outside the repository: a clone with
// nothing beside it must pass `npm install && npm test` (issue 7). .ci/run runs in such a clone too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  climbingPathsInCode,
  climbingPathsInConfig,
  climbingPathsInShell,
  climbs,
  type Climb,
} from './climbing-paths.js';

const ROOT = join(import.meta.dirname, '../..');
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Every file that a test, script, benchmark or build step runs or reads as configuration. */
function scanRepository(): Climb[] {
  const found: Climb[] = [];
  for (const top of ['test', 'scripts', 'bench']) {
    for (const file of walk(join(ROOT, top))) {
      if (/\.(ts|tsx|mts|js|mjs|cjs)$/.test(file)) {
        // This scanner's own test tables hold climbing paths on purpose.
        if (rel(file).startsWith('test/repo/')) continue;
        found.push(...climbingPathsInCode(rel(file), readFileSync(file, 'utf8')));
      }
    }
  }
  for (const name of readdirSync(ROOT)) {
    const file = join(ROOT, name);
    if (!statSync(file).isFile()) continue;
    if (/\.config\.(ts|js|mjs|cjs)$/.test(name))
      found.push(...climbingPathsInCode(name, readFileSync(file, 'utf8')));
    if (/^tsconfig.*\.json$|\.ya?ml$/.test(name))
      found.push(...climbingPathsInConfig(name, readFileSync(file, 'utf8')));
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  for (const [name, script] of Object.entries(pkg.scripts))
    found.push(...climbingPathsInConfig(`package.json scripts.${name}`, script));
  for (const file of walk(join(ROOT, '.ci')))
    found.push(...climbingPathsInShell(rel(file), readFileSync(file, 'utf8')));
  return found;
}

describe('nothing reads outside the repository', () => {
  it('tests, scripts, benchmarks, configs and CI only use paths inside the repository', () => {
    const report = scanRepository().map((c) => `${c.file}:${c.line}: '${c.path}' ${c.why}`);
    expect(report).toEqual([]);
  });
});

describe('the scanner', () => {
  it.each([
    ['../x', 1],
    ['../../a/../b', 2],
    ['./a/../../b', 1],
    ['..\\..\\x', 2],
    ['a/b', 0],
  ])('climbs(%j) = %i', (path, n) => expect(climbs(path)).toBe(n));

  const code: [string, string, string[]][] = [
    [
      'test/shared/sentry/fixtures.ts',
      "const dir = resolve(REPO_ROOT, '../shared/sentry');",
      ['../shared/sentry'],
    ],
    ['test/x.test.ts', "readFileSync(resolve(process.cwd(), '../shared/a.json'))", ['../shared/a.json']],
    [
      'test/e2e/support.ts',
      "resolve(import.meta.dirname, '../../../shared/sentry')",
      ['../../../shared/sentry'],
    ],
    ['test/e2e/support.ts', "new URL('../../../beside/x.json', import.meta.url)", ['../../../beside/x.json']],
    ['test/a/b.ts', "import x from '../../../outside.js';", ['../../../outside.js']],
    ['test/a/b.ts', 'const p = `../../../${name}.json`;', ['../../../']],
    ['vite.config.ts', "outDir: '../dist/renderer'", ['../dist/renderer']],
    // Inside the repository: not reported.
    ['test/e2e/support.ts', "resolve(import.meta.dirname, '../../dist/renderer')", []],
    ['test/a/b.ts', "import { span } from '../../shared/model/span.js';", []],
    ['test/shared/sentry/fixtures.ts', "resolve(dirname(fileURLToPath(import.meta.url)), '../../..')", []],
    ['test/shared/sentry/fixtures.ts', "resolve(REPO_ROOT, 'test/fixtures/sentry-schema')", []],
    ['test/a/b.ts', "// read '../../../notes.txt' one day\nconst u = 'http://x/../../../y';", []],
  ];
  it.each(code)('code in %s: %s', (file, source, expected) => {
    expect(climbingPathsInCode(file, source).map((c) => c.path)).toEqual(expected);
  });

  it.each([
    ['.ci/run', 'cd "$(dirname "$0")/.."', 0],
    ['.ci/run', 'cd "$(dirname "$0")/../.."', 1],
    ['.ci/run', 'cp ../shared/sentry/*.json test/', 1],
    ['.ci/run', 'echo "waiting..." # cd ..', 0],
  ])('shell in %s: %s', (file, source, n) => {
    expect(climbingPathsInShell(file, source)).toHaveLength(n);
  });

  it.each([
    ['tsconfig.json', '{ "include": ["../shared/**/*.ts"] }', 1],
    ['package.json scripts.x', 'node ../tools/run.mjs', 1],
    ['electron-builder.yml', 'files:\n  - dist/**/*', 0],
  ])('config %s: %s', (file, source, n) => {
    expect(climbingPathsInConfig(file, source)).toHaveLength(n);
  });
});
