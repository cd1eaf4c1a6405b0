// Go stack traces (a panic, runtime/debug.Stack(), or what OpenTelemetry Go records with WithStackTrace):
//
//   panic: runtime error: invalid memory address or nil pointer dereference
//   goroutine 1 [running]:
//   main.(*Server).handle(0xc000010000, {0x0, 0x0})
//   	/home/dev/app/server.go:42 +0x1d
//   net/http.HandlerFunc.ServeHTTP(...)
//   	/usr/local/go/src/net/http/server.go:2136
//   created by net/http.(*Server).Serve in goroutine 1
//   	/usr/local/go/src/net/http/server.go:3086 +0x5cb
//
// Each frame is a function line and a tab-indented file:line line; newest first. Only the first goroutine is
// read (the one that panicked or called debug.Stack). The `created by` entry is where the goroutine was
// started, not a call in its stack, so it is left out, as Sentry's Go SDK leaves it out.
import {
  frame,
  isAbsolutePath,
  MAX_LINE,
  openParenOfTrailingGroup,
  positiveInt,
  splitTrailingNumbers,
  type LanguageParser,
} from './common.js';
import { goInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const GOROUTINE = /^goroutine \d+ \[/;
const PC_OFFSET = / \+0x[0-9a-f]+$/;

/** `github.com/acme/app/pay.(*Charger).Charge` → module `github.com/acme/app/pay`, function `(*Charger).Charge`. */
function splitGoFunction(name: string): { module?: string; function: string } {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (dot <= 0) return { function: name };
  return { module: name.slice(0, dot), function: name.slice(dot + 1) };
}

export const parseGo: LanguageParser = (lines) => {
  const frames: SentryFrame[] = [];
  let goroutines = 0;
  let pending: { module?: string; function: string } | null = null;
  for (const line of lines) {
    if (line.length > MAX_LINE) {
      pending = null;
      continue;
    }
    if (GOROUTINE.test(line)) {
      goroutines++;
      if (goroutines > 1 && frames.length > 0) break;
      pending = null;
      continue;
    }
    if (pending) {
      // The file line is indented: `\t/path/file.go:123 +0x1d`.
      const text = /^\s/.test(line) ? line.trim().replace(PC_OFFSET, '') : '';
      const loc = text ? splitTrailingNumbers(text, 1) : null;
      if (loc && (loc.prefix.endsWith('.go') || loc.prefix.endsWith('.s'))) {
        const path = loc.prefix;
        frames.push(
          frame({
            filename: path,
            abs_path: isAbsolutePath(path) ? path : undefined,
            module: pending.module,
            function: pending.function,
            lineno: positiveInt(loc.numbers[0]),
            in_app: goInApp(pending.module, path),
          }),
        );
        pending = null;
        continue;
      }
      pending = null;
    }
    // A function line starts at column 0 and ends with its argument list.
    if (line === '' || /^\s/.test(line) || line.startsWith('created by ') || line.startsWith('panic:'))
      continue;
    const open = openParenOfTrailingGroup(line);
    if (open <= 0) continue;
    const name = line.slice(0, open);
    if (/\s/.test(name)) continue;
    pending = splitGoFunction(name);
  }
  return { frames, newestFirst: true };
};
