// JavaScript stack traces: V8 (Node, Chrome, Deno, Bun's compatible form) and, for browser errors,
// SpiderMonkey/JavaScriptCore (`fn@url:line:col`):
//
//   TypeError: Cannot read properties of undefined (reading 'id')
//       at getUser (/srv/app/src/users.js:42:17)
//       at async Promise.all (index 0)
//       at new Invoice (file:///srv/app/src/invoice.mjs:8:11)
//       at /srv/app/src/index.js:5:9
//       at eval (eval at compile (/srv/app/src/tpl.js:3:10), <anonymous>:1:7)
//       at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
//
// Newest frame first. Function names are kept as V8 prints them (`Object.<anonymous>`, `new Invoice`,
// `Router.handle [as handle]`) minus the `async ` marker, which is how Sentry's JS SDK shows them; no module
// is derived. A Node `[cause]:` section ends the frames of the top error.
import {
  frame,
  isAbsolutePath,
  MAX_LINE,
  openParenOfTrailingGroup,
  positiveInt,
  splitTrailingNumbers,
  type LanguageParser,
} from './common.js';
import { pathInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const AT = /^\s*at\s+(\S.*)$/;
/** Locations V8 prints for frames without a source file. */
const NO_FILE = /^(?:native|<anonymous>|index \d+|unknown location)$/;
const EVAL_ORIGIN = /\(([^()]+):(\d+):(\d+)\)/;

function location(loc: string): Pick<SentryFrame, 'filename' | 'abs_path' | 'lineno' | 'colno'> | null {
  if (loc.startsWith('eval at ')) {
    // `eval at f (file:1:2), <anonymous>:3:4`: the eval'd code has no file; point at the eval call.
    const m = EVAL_ORIGIN.exec(loc);
    if (!m) return null;
    loc = `${m[1]}:${m[2]}:${m[3]}`;
  }
  const m = splitTrailingNumbers(loc, 2); // V8 always prints line:column
  if (!m || m.prefix === '') return null;
  const where = m.prefix;
  let filename = where;
  if (where.startsWith('file://')) {
    filename = where.slice('file://'.length);
    try {
      filename = decodeURIComponent(filename);
    } catch {
      // keep the encoded form
    }
    if (/^\/[A-Za-z]:\//.test(filename)) filename = filename.slice(1); // file:///C:/x.js → C:/x.js
  } else if (/^https?:\/\//.test(where)) {
    const pathStart = where.indexOf('/', where.indexOf('//') + 2);
    filename = pathStart < 0 ? '/' : where.slice(pathStart).replace(/[?#].*$/, '');
  }
  return {
    filename,
    abs_path: isAbsolutePath(where) ? where : undefined,
    lineno: positiveInt(m.numbers[0]),
    colno: positiveInt(m.numbers[1]),
  };
}

function cleanFunction(fn: string): string | undefined {
  let f = fn.trim();
  if (f.startsWith('async ')) f = f.slice(6).trim();
  return f === '' ? undefined : f;
}

export const parseJavaScript: LanguageParser = (lines) => {
  const frames: SentryFrame[] = [];
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    if (frames.length > 0 && /^\s*\[cause\]:/.test(line)) break;
    const at = AT.exec(line);
    if (at) {
      const body = at[1]!.trimEnd();
      const open = openParenOfTrailingGroup(body);
      if (open > 0 && body[open - 1] === ' ') {
        const fn = cleanFunction(body.slice(0, open));
        const loc = body.slice(open + 1, -1);
        if (NO_FILE.test(loc)) {
          if (fn)
            frames.push(
              frame({ function: fn, filename: loc === 'native' ? 'native' : '<anonymous>', in_app: false }),
            );
          continue;
        }
        const where = location(loc);
        if (!where) continue;
        frames.push(frame({ function: fn, ...where, in_app: pathInApp(where.filename) }));
        continue;
      }
      // `at file:line:col` (anonymous top-level code) or `at async file:line:col`
      const where = location(body.startsWith('async ') ? body.slice(6) : body);
      if (where && !where.filename!.includes(' '))
        frames.push(frame({ ...where, in_app: pathInApp(where.filename) }));
      continue;
    }
    // `fn@file:1:2` (Firefox, Safari); the function part may be empty.
    const trimmed = line.trim();
    const atSign = trimmed.indexOf('@');
    if (atSign >= 0 && !/\s/.test(trimmed)) {
      const where = location(trimmed.slice(atSign + 1));
      if (where) {
        const fn = cleanFunction(trimmed.slice(0, atSign).replace(/\/<$/, ''));
        frames.push(frame({ function: fn, ...where, in_app: pathInApp(where.filename) }));
      }
    }
  }
  return { frames, newestFirst: true };
};
