#!/usr/bin/env node
// The layering check: each top folder says where its code runs, and this keeps the imports honest.
//   shared/         runs anywhere: imports only shared/ and pure packages (no node:*, electron, react, DOM)
//   renderer/       runs in a browser: never imports electron/ or Node built-ins
//   electron/core/  plain Node: never imports Electron or the renderer
// ESLint's no-restricted-imports says the same inside the editor; this script is the gate in `npm test`
// and also catches dynamic import() and require().
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles } from './source-files.mjs';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SPECIFIER =
  /(?:^|[^.\w$])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w$])import\s*['"]([^'"]+)['"]|(?:^|[^.\w$])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
/**
 * Packages shared/ may use: pure JS that runs in Node and browsers alike. Not protobufjs: shared/otlp decodes
 * protobuf by hand, and protobufjs is only the tests' and benchmarks' reference decoder.
 */
const SHARED_PACKAGES = new Set(['@sentry/core']);

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}

export function importsOf(src) {
  const out = [];
  for (const m of stripComments(src).matchAll(SPECIFIER)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Returns a list of human-readable violations for the tree at `root`. */
export function checkLayers(root) {
  const problems = [];
  const layer = (file) => {
    const rel = relative(root, file).split(sep).join('/');
    if (rel.startsWith('shared/')) return 'shared';
    if (rel.startsWith('renderer/')) return 'renderer';
    if (rel.startsWith('electron/core/')) return 'core';
    if (rel.startsWith('electron/')) return 'shell';
    return 'other';
  };
  for (const top of ['shared', 'renderer', 'electron']) {
    for (const file of sourceFiles(join(root, top))) {
      const from = layer(file);
      const rel = relative(root, file).split(sep).join('/');
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const bad = (why) => problems.push(`${rel}: imports '${spec}': ${why}`);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          const to = layer(target);
          if (from === 'shared' && to !== 'shared') bad('shared/ may import only shared/');
          if (from === 'renderer' && (to === 'core' || to === 'shell'))
            bad('renderer/ never imports electron/; use the local API');
          if (from === 'core' && (to === 'renderer' || to === 'shell'))
            bad('electron/core/ never imports the shell or the UI');
          continue;
        }
        const isBuiltin = builtins.has(spec) || builtins.has(packageName(spec));
        const isElectron = packageName(spec) === 'electron';
        if (from === 'shared') {
          if (isBuiltin) bad('shared/ runs everywhere: no Node built-ins');
          else if (isElectron) bad('shared/ runs everywhere: no Electron');
          else if (!SHARED_PACKAGES.has(spec) && !SHARED_PACKAGES.has(packageName(spec)))
            bad(`shared/ may use only pure packages (${[...SHARED_PACKAGES].join(', ')})`);
        } else if (from === 'renderer') {
          if (isBuiltin) bad('renderer/ runs in a browser: no Node built-ins');
          if (isElectron) bad('renderer/ reaches the core only through the local API');
        } else if (from === 'core') {
          if (isElectron) bad('electron/core/ is plain Node: only electron/shell/ imports Electron');
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkLayers(root);
  if (problems.length) {
    console.error(`Layering check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Layering check: ok');
}
