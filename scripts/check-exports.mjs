#!/usr/bin/env node
// The unused-exports check: every `export` in shared/, electron/, renderer/, bench/, scripts/ and test/
// (values, types, interfaces, enums, re-exports) must be imported by at least one OTHER file of the
// repository — tests count, so a pure function exported to be unit-tested is a legitimate export. An export nobody
// imports is either module-private (drop the keyword) or dead (drop the code). The few exports that are a
// public surface with no importer in the repo (a file run by path) are in ALLOWED below, each with why.
//
// It reads the code with the TypeScript parser only (no type-checking: a few hundred files parse in well
// under a second) and follows:
//   import { a, type B } / import type / import x (default) / import * as ns (then ns.a, ns.B; any other
//   use of ns counts as all of them) / import('x') (destructured or .a; otherwise all) / import('x').T types
//   export { a } from / export * from / export * as ns from / import { a } … export { a }: a re-export is
//   used when someone uses it, and only then is the original used through it
//   new URL('./task-worker.js', import.meta.url): a module loaded by path (worker entry) counts as used whole
// Specifiers resolve like the compilers here do: './x.js' is x.ts/x.tsx (or x.js/x.mjs), './x' is x.ts,
// x.tsx or x/index.ts. Packages are not followed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CODE, DECLARATION, sourceFiles } from './source-files.mjs';

/** Folders whose exports are checked (test helpers too). Root config files (vite/vitest) are users only. */
const CHECKED = ['shared', 'electron', 'renderer', 'bench', 'scripts', 'test'];

/**
 * Exports with no importer in the repository that stay: [{ file, names: [...] | '*', why }]. Keep it short:
 * an entry that is no longer needed (now imported, or gone) fails the check too. The files run directly
 * have no exports or are imported by their tests (cli/main.ts `main`, scripts/*.mjs); the worker entry is
 * named by path; root configs (vite/vitest) are not checked; a .d.mts only describes its .mjs.
 */
const ALLOWED = [
  {
    file: 'test/browser/e2e-global-setup.ts',
    names: ['default'],
    why: 'vitest.e2e.config.ts names it by path in globalSetup, and vitest calls its default export',
  },
];

const isFile = (p) => existsSync(p) && statSync(p).isFile();
const SOURCE_FOR = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The repository file a relative specifier names, or null (a package, or nothing there). */
function resolveSpecifier(fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  const ext = extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const candidates = [
    ...(SOURCE_FOR[ext] ?? []).map((e) => stem + e),
    base,
    ...['.ts', '.tsx', '.mts', '.js', '.mjs'].map((e) => base + e),
    ...['index.ts', 'index.tsx', 'index.js'].map((e) => join(base, e)),
  ];
  return candidates.find((c) => !DECLARATION.test(c) && isFile(c)) ?? null;
}

function scriptKind(file) {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.(js|mjs|cjs)$/.test(file)) return ts.ScriptKind.JS;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}

const hasModifier = (node, kind) =>
  (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((m) => m.kind === kind);
const textOf = (name) => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText());

function bindingNames(name, out = []) {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
}

/**
 * What one file exports and what it uses of other files.
 *   exports: name → { line, from?: { file, name } (a re-export), all?: file (`export * as ns`) }
 *   stars:   [{ file, line, spec }] (`export * from`)
 *   uses:    [{ file, names: Set | 'all' }]
 */
function analyse(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const lineOf = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const target = (specNode) =>
    specNode && ts.isStringLiteralLike(specNode) ? resolveSpecifier(file, specNode.text) : null;
  const exports = new Map();
  const stars = [];
  const uses = [];
  /** Local names bound by imports: re-exporting one (import { a } …; export { a }) forwards the use. */
  const imported = new Map();
  const addExport = (name, node, extra = {}) => {
    if (!exports.has(name)) exports.set(name, { line: lineOf(node), ...extra });
  };
  const use = (to, names) => {
    if (to && to !== file) uses.push({ file: to, names });
  };

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const to = target(st.moduleSpecifier);
      const clause = st.importClause;
      if (!to || !clause) continue;
      const names = new Set();
      if (clause.name) {
        names.add('default');
        imported.set(clause.name.text, { file: to, name: 'default' });
      }
      const nb = clause.namedBindings;
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const name = textOf(el.propertyName ?? el.name);
          names.add(name);
          imported.set(el.name.text, { file: to, name });
        }
      } else if (nb && ts.isNamespaceImport(nb)) {
        imported.set(nb.name.text, { file: to, all: true });
        use(to, namespaceUses(sf, nb.name.text));
      }
      use(to, names);
    } else if (ts.isExportDeclaration(st)) {
      const to = target(st.moduleSpecifier);
      const clause = st.exportClause;
      if (st.moduleSpecifier && !to) {
        // A package re-exported: nothing in the repo to follow, but the re-export itself is an export.
        if (clause && ts.isNamedExports(clause))
          for (const el of clause.elements) addExport(textOf(el.name), el.name);
        continue;
      }
      if (!clause) stars.push({ file: to, line: lineOf(st), spec: st.moduleSpecifier.text });
      else if (ts.isNamespaceExport(clause)) addExport(textOf(clause.name), clause.name, { all: to });
      else
        for (const el of clause.elements) {
          const local = textOf(el.propertyName ?? el.name);
          const via = to ? { file: to, name: local } : imported.get(local);
          if (via?.all) addExport(textOf(el.name), el.name, { all: via.file });
          else addExport(textOf(el.name), el.name, via ? { from: via } : {});
        }
    } else if (ts.isExportAssignment(st)) {
      if (!st.isExportEquals) addExport('default', st);
    } else if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations)
          for (const id of bindingNames(d.name)) addExport(id.text, id);
      } else if (isDefault) addExport('default', st.name ?? st);
      else if (st.name) addExport(textOf(st.name), st.name);
    }
  }
  // Imports anywhere in the code: import('x') calls, import('x').T types, and modules named by path.
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      use(target(node.arguments[0]), dynamicImportUses(node));
    } else if (isModuleUrl(node)) {
      // new URL('./task-worker.js', import.meta.url): a worker entry or a task table's module, loaded by
      // path at run time; which of its exports the loader reads is not written here, so all of them count.
      const to = target(node.arguments[0]);
      if (to && CODE.test(to)) use(to, 'all');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec = ts.isLiteralTypeNode(arg) ? arg.literal : null;
      let q = node.qualifier;
      while (q && ts.isQualifiedName(q)) q = q.left;
      use(target(spec), q ? new Set([q.text]) : 'all');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { exports, stars, uses };
}

/** `new URL('<relative path>', import.meta.url)`. */
function isModuleUrl(node) {
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'URL')
    return false;
  const [spec, base] = node.arguments ?? [];
  return (
    spec !== undefined &&
    ts.isStringLiteralLike(spec) &&
    spec.text.startsWith('.') &&
    base !== undefined &&
    ts.isPropertyAccessExpression(base) &&
    ts.isMetaProperty(base.expression) &&
    base.name.text === 'url'
  );
}

/** The names used through `import * as ns`: ns.a, ns.B (types), ns['a']; any other use means all. */
function namespaceUses(sf, ns) {
  const names = new Set();
  let all = false;
  const visit = (node) => {
    if (all) return;
    if (ts.isIdentifier(node) && node.text === ns) {
      const p = node.parent;
      if (ts.isNamespaceImport(p)) return;
      if (ts.isPropertyAccessExpression(p) && p.expression === node) names.add(p.name.text);
      else if (ts.isQualifiedName(p) && p.left === node) names.add(p.right.text);
      else if (ts.isElementAccessExpression(p) && ts.isStringLiteralLike(p.argumentExpression))
        names.add(p.argumentExpression.text);
      else all = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return all ? 'all' : names;
}

/** `const { a, b } = await import('x')` and `(await import('x')).a` name what they use; anything else: all. */
function dynamicImportUses(call) {
  let node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  const p = node.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isObjectBindingPattern(p.name)) {
    if (p.name.elements.some((el) => el.dotDotDotToken)) return 'all';
    return new Set(p.name.elements.map((el) => textOf(el.propertyName ?? el.name)));
  }
  if (ts.isPropertyAccessExpression(p) && p.expression === node) return new Set([p.name.text]);
  return 'all';
}

/**
 * The exports of `root`'s checked folders that no other file imports, as { file, line, name } (file
 * relative to root, with /), sorted; plus a problem for each `allowed` entry that matches nothing unused.
 * `allowed`: [{ file, names: string[] | '*', why }].
 */
export function findUnusedExports(root, allowed = ALLOWED) {
  const files = new Map();
  for (const file of sourceFiles(root)) files.set(file, analyse(file, readFileSync(file, 'utf8')));
  const used = new Map(); // file → Set of export names used
  const usedStars = new Set(); // star objects something flowed through
  const provides = (file, name, seen = new Set()) => {
    const info = files.get(file);
    if (!info || seen.has(file)) return false;
    seen.add(file);
    return (
      info.exports.has(name) || (name !== 'default' && info.stars.some((s) => provides(s.file, name, seen)))
    );
  };
  const markAll = (file, seen = new Set()) => {
    const info = files.get(file);
    if (!info || seen.has(file)) return;
    seen.add(file);
    for (const name of info.exports.keys()) markUse(file, name);
    for (const s of info.stars) {
      usedStars.add(s);
      markAll(s.file, seen);
    }
  };
  const markUse = (file, name) => {
    const info = files.get(file);
    if (!info) return;
    let set = used.get(file);
    if (!set) used.set(file, (set = new Set()));
    if (set.has(name)) return;
    set.add(name);
    const exp = info.exports.get(name);
    if (exp?.from) markUse(exp.from.file, exp.from.name);
    else if (exp?.all) markAll(exp.all);
    else if (!exp && name !== 'default')
      for (const s of info.stars)
        if (provides(s.file, name)) {
          usedStars.add(s);
          markUse(s.file, name);
        }
  };
  for (const info of files.values())
    for (const u of info.uses) {
      if (u.names === 'all') markAll(u.file);
      else for (const name of u.names) markUse(u.file, name);
    }

  const rel = (file) => relative(root, file).split(sep).join('/');
  const unused = [];
  const allowHits = new Set();
  const allowedFor = (file, name) => {
    const hit = allowed.find((a) => a.file === file && (a.names === '*' || a.names.includes(name)));
    if (hit) allowHits.add(`${hit.file}:${hit.names === '*' ? '*' : name}`);
    return hit;
  };
  for (const [file, info] of files) {
    const r = rel(file);
    if (!CHECKED.some((dir) => r.startsWith(`${dir}/`))) continue;
    const set = used.get(file) ?? new Set();
    for (const [name, exp] of info.exports)
      if (!set.has(name) && !allowedFor(r, name)) unused.push({ file: r, line: exp.line, name });
    for (const s of info.stars)
      if (!usedStars.has(s) && !allowedFor(r, '*'))
        unused.push({ file: r, line: s.line, name: `* from '${s.spec}'` });
  }
  unused.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const stale = [];
  for (const a of allowed)
    for (const name of a.names === '*' ? ['*'] : a.names)
      if (!allowHits.has(`${a.file}:${name}`))
        stale.push(
          `${a.file}: '${name}' is allowed but is not an unused export any more: remove it from ALLOWED`,
        );
  return { unused, stale };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { unused, stale } = findUnusedExports(root);
  const lines = [
    ...unused.map((u) => `${u.file}:${u.line}: '${u.name}' is exported but no other file imports it`),
    ...stale,
  ];
  if (lines.length) {
    console.error(
      `Unused-exports check failed (${lines.length}):\n  ${lines.join('\n  ')}\n` +
        'Drop `export` if only its own file uses it, delete it if nothing does, or add it to ALLOWED in ' +
        'scripts/check-exports.mjs with the reason.',
    );
    process.exit(1);
  }
  console.log('Unused-exports check: ok');
}
