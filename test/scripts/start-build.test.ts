// `npm start` builds only what changed: the pure plan (table-driven) and the real thing in a throw-away
// package whose build scripts just record that they ran.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUILD_TARGETS,
  changedFiles,
  nextStamp,
  planBuild,
  STAMP_VERSION,
  type BuildTarget,
} from '../../scripts/start-plan.mjs';
import { BUILD_STAMP, buildWhatChanged, snapshotInputs } from '../../scripts/start.mjs';

const CORE: BuildTarget = {
  name: 'core',
  script: 'b:core',
  tool: 'tsc',
  inputs: ['src'],
  output: 'out/core.js',
};
const UI: BuildTarget = { name: 'UI', script: 'b:ui', tool: 'vite', inputs: ['ui'], output: 'out/ui.html' };
const SNAP = { core: { 'src/a.ts': '10:1', 'src/b.ts': '20:1' }, UI: { 'ui/app.tsx': '5:1' } };
const STAMP = { version: STAMP_VERSION, targets: SNAP };
const all = () => true;

describe('planBuild', () => {
  it.each([
    ['nothing changed: nothing to build', SNAP, STAMP, all, []],
    ['no stamp yet: everything', SNAP, null, all, ['core: no earlier build', 'UI: no earlier build']],
    [
      'a stamp of another format counts as none',
      SNAP,
      { version: 0, targets: SNAP },
      all,
      ['core: no earlier build', 'UI: no earlier build'],
    ],
    [
      'one UI file edited: only the UI, naming the file',
      { ...SNAP, UI: { 'ui/app.tsx': '6:2' } },
      STAMP,
      all,
      ['UI: 1 file changed (ui/app.tsx)'],
    ],
    [
      'a file added and one deleted in the core',
      { ...SNAP, core: { 'src/a.ts': '10:1', 'src/c.ts': '1:1' } },
      STAMP,
      all,
      ['core: 2 files changed (src/b.ts, src/c.ts)'],
    ],
    [
      'many changes are summarised',
      { ...SNAP, core: { 'src/1': 'x', 'src/2': 'x', 'src/3': 'x', 'src/4': 'x', 'src/5': 'x' } },
      STAMP,
      all,
      ['core: 7 files changed (src/1, src/2, src/3, +4 more)'],
    ],
    [
      'an output deleted (e.g. dist/ removed): that target',
      SNAP,
      STAMP,
      (p: string) => p !== 'out/ui.html',
      ['UI: out/ui.html is missing'],
    ],
  ])('%s', (_name, snapshots, stamp, exists, expected) => {
    const plan = planBuild([CORE, UI], snapshots, stamp, exists);
    expect(plan.map((p) => `${p.target.name}: ${p.reason}`)).toEqual(expected);
  });

  it('changedFiles lists added, removed and changed paths, sorted', () => {
    expect(changedFiles({ b: '1', a: '1', d: '1' }, { a: '2', b: '1', c: '1' })).toEqual(['a', 'c', 'd']);
  });

  it('nextStamp records only the targets that built, keeping the others', () => {
    const fresh = { core: { 'src/a.ts': '11:2' }, UI: { 'ui/app.tsx': '9:9' } };
    expect(nextStamp(STAMP, fresh, ['core'])).toEqual({
      version: STAMP_VERSION,
      targets: { core: fresh.core, UI: SNAP.UI },
    });
    expect(nextStamp(null, fresh, [])).toEqual({ version: STAMP_VERSION, targets: {} });
  });

  it('the real targets cover the folders and configs each build reads', () => {
    const byName = Object.fromEntries(BUILD_TARGETS.map((t) => [t.name, t]));
    expect(byName.core!.inputs).toEqual(expect.arrayContaining(['electron', 'shared', 'tsconfig.node.json']));
    expect(byName.UI!.inputs).toEqual(
      expect.arrayContaining(['renderer', 'shared', 'vite.config.ts', 'build/icon.png']),
    );
  });
});

describe('buildWhatChanged (real files and npm scripts)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A package with the real target names: each build script appends its name to ran.log and writes its output. */
  function fakePackage(): string {
    const root = mkdtempSync(join(tmpdir(), 'start-build-'));
    dirs.push(root);
    const script = (name: string, output: string) =>
      `node -e "const f=require('fs');f.appendFileSync('ran.log','${name}\\n');f.mkdirSync(require('path').dirname('${output}'),{recursive:true});f.writeFileSync('${output}','x')"`;
    const [core, ui] = [BUILD_TARGETS[0]!, BUILD_TARGETS[1]!];
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        scripts: { [core.script]: script('core', core.output), [ui.script]: script('UI', ui.output) },
      }),
    );
    for (const dir of ['electron', 'shared', 'renderer']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'electron/main.ts'), 'core');
    writeFileSync(join(root, 'shared/model.ts'), 'shared');
    writeFileSync(join(root, 'renderer/app.tsx'), 'ui');
    return root;
  }
  const ran = (root: string) => {
    try {
      return readFileSync(join(root, 'ran.log'), 'utf8').trim().split('\n').sort();
    } catch {
      return [];
    }
  };

  it('builds everything once, then nothing, then only what an edit touches, saying what and why', async () => {
    const root = fakePackage();
    const said: string[] = [];
    const say = (l: string) => said.push(l);

    expect(await buildWhatChanged(root, say)).toEqual({ code: 0 });
    expect(ran(root)).toEqual(['UI', 'core']);
    expect(said.join('\n')).toMatch(/building the core \(tsc\): no earlier build/);
    expect(said.join('\n')).toMatch(/built the UI in \d+\.\d s/);
    expect(JSON.parse(readFileSync(join(root, BUILD_STAMP), 'utf8')).targets.core).toEqual(
      snapshotInputs(root, BUILD_TARGETS[0]!.inputs),
    );

    said.length = 0;
    expect(await buildWhatChanged(root, say)).toEqual({ code: 0 });
    expect(ran(root)).toEqual(['UI', 'core']);
    expect(said).toEqual([
      expect.stringMatching(/^npm start: the build is up to date \(3 files checked in \d+ ms\)\.$/),
    ]);

    writeFileSync(join(root, 'renderer/app.tsx'), 'ui, edited');
    said.length = 0;
    await buildWhatChanged(root, say);
    expect(ran(root)).toEqual(['UI', 'UI', 'core']);
    expect(said[0]).toBe('npm start: building the UI (vite): 1 file changed (renderer/app.tsx)...');

    // shared/ feeds both; a touch (same content, new time) counts as a change, as in make.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'shared/model.ts'), later, later);
    await buildWhatChanged(root, say);
    expect(ran(root)).toEqual(['UI', 'UI', 'UI', 'core', 'core']);
  });

  it('a failing build is reported and tried again next time; the other target is not rebuilt', async () => {
    const root = fakePackage();
    await buildWhatChanged(root, () => undefined);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    pkg.scripts[BUILD_TARGETS[0]!.script] = 'node -e "process.exit(3)"';
    writeFileSync(join(root, 'package.json'), JSON.stringify(pkg));
    writeFileSync(join(root, 'electron/main.ts'), 'core, broken');
    expect((await buildWhatChanged(root, () => undefined)).code).not.toBe(0);
    const said: string[] = [];
    expect((await buildWhatChanged(root, (l) => said.push(l))).code).not.toBe(0);
    expect(said[0]).toMatch(/building the core \(tsc\): 1 file changed \(electron\/main\.ts\)/);
    expect(ran(root)).toEqual(['UI', 'core']);
  });
});
