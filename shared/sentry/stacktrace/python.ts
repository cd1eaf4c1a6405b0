// Python tracebacks (traceback.format_exception, which OpenTelemetry's Python SDK records):
//
//   Traceback (most recent call last):
//     File "/srv/app/payments.py", line 42, in charge
//       result = gateway.submit(order)
//              ^^^^^^^^^^^^^^^^^^^^^^
//   ValueError: card declined
//
// Frames are printed oldest first already. With chained exceptions ("During handling of the above exception,
// another exception occurred:" / "The above exception was the direct cause of the following exception:")
// Python prints the earliest exception first and the one finally raised last; `exception.type` names that last
// one, so only the frames of the last traceback are kept.
import { frame, isAbsolutePath, MAX_LINE, positiveInt, type LanguageParser } from './common.js';
import { pathInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const FILE_LINE = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?$/;
const TRACEBACK = /^\s*(?:\+\s*)?(?:Exception Group )?Traceback \(most recent call last\):\s*$/;
/** 3.11+ position markers under the source line: only spaces, ^ and ~. */
const CARETS = /^\s*[~^]+\s*$/;
/** Exception groups (3.11) indent with "| " */
const GROUP_PREFIX = /^\s*(?:\+[-+ 0-9.]*\+?|\|)\s?/;

/** For installed packages, the import path: …/site-packages/requests/api.py → filename requests/api.py, module requests.api */
function packagePath(path: string): { filename: string; module?: string } {
  const m = /[\\/](?:site|dist)-packages[\\/](.+)$/.exec(path);
  if (!m) return { filename: path };
  const rel = m[1]!.replace(/\\/g, '/');
  const module = rel
    .replace(/\.py[cw]?$/, '')
    .replace(/\/__init__$/, '')
    .replace(/\//g, '.');
  return { filename: rel, module };
}

export const parsePython: LanguageParser = (lines) => {
  let frames: SentryFrame[] = [];
  let last: SentryFrame | null = null;
  for (const raw of lines) {
    if (raw.length > MAX_LINE) {
      last = null;
      continue;
    }
    const line = raw.includes('|') ? raw.replace(GROUP_PREFIX, '') : raw;
    if (TRACEBACK.test(line)) {
      // A new traceback: an earlier one belonged to an exception handled (or caused) before this one.
      frames = [];
      last = null;
      continue;
    }
    const m = FILE_LINE.exec(line);
    if (m) {
      const path = m[1]!;
      const { filename, module } = packagePath(path);
      last = frame({
        filename,
        abs_path: isAbsolutePath(path) ? path : undefined,
        function: m[3]?.trim(),
        module,
        lineno: positiveInt(m[2]),
        in_app: pathInApp(path),
      });
      frames.push(last);
      continue;
    }
    // The source line follows its File line, indented deeper; carets and blank lines are not source.
    if (last && last.context_line === undefined && /^\s{2,}\S/.test(line) && !CARETS.test(line)) {
      const text = line.trim();
      if (!text.startsWith('[Previous line repeated')) last.context_line = text;
    }
    last = null;
  }
  return { frames, newestFirst: false };
};
