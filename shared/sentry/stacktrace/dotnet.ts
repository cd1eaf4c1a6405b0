// .NET stack traces (Exception.ToString(), which OpenTelemetry .NET records):
//
//   System.InvalidOperationException: Card declined
//    ---> System.Net.Http.HttpRequestException: Connection refused
//      at System.Net.Http.HttpConnectionPool.ConnectAsync(HttpRequestMessage request, CancellationToken ct)
//      --- End of inner exception stack trace ---
//      at Acme.Payments.Gateway.<ChargeAsync>d__5.MoveNext() in /src/Acme.Payments/Gateway.cs:line 57
//   --- End of stack trace from previous location ---
//      at Acme.Api.PayController.Post(OrderDto dto) in C:\src\Acme.Api\PayController.cs:line 23
//
// Newest frame first. Inner exceptions are printed before the outer one's frames and closed by
// "--- End of inner exception stack trace ---"; `exception.type` is the outer exception, so frames before the
// last such marker are dropped. Async state machines (`<ChargeAsync>d__5.MoveNext`) are shown as the method
// they implement (`ChargeAsync`), as Sentry's .NET SDK does.
import {
  frame,
  isAbsolutePath,
  MAX_LINE,
  openParenOfTrailingGroup,
  positiveInt,
  type LanguageParser,
} from './common.js';
import { dotnetInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const AT = /^\s*at\s+(\S.*)$/;
const END_OF_INNER = /^\s*--- End of inner exception stack trace ---/;
const ASYNC_STATE_MACHINE = /^<([^<>]+)>d__\d+$/;

/** Splits at the last '.' that is not inside [], <> or after a '`' arity marker (`List`1.ForEach`). */
function splitDotnetMethod(name: string): { module?: string; function: string } {
  // Constructors: `Acme.Order..ctor`, `Acme.Order..cctor`
  const ctor = /^(.*)\.(\.c?ctor)$/.exec(name);
  if (ctor) return { module: ctor[1], function: ctor[2]! };
  let depth = 0;
  let cut = -1;
  for (let i = name.length - 1; i >= 0; i--) {
    const c = name[i];
    if (c === ']' || c === '>') depth++;
    else if (c === '[' || c === '<') depth = Math.max(0, depth - 1);
    else if (c === '.' && depth === 0) {
      cut = i;
      break;
    }
  }
  if (cut <= 0) return { function: name };
  let module = name.slice(0, cut);
  let fn = name.slice(cut + 1);
  if (fn === 'MoveNext') {
    // `Ns.Type.<Method>d__5.MoveNext` → module `Ns.Type`, function `Method`
    const inner = splitDotnetMethod(module);
    const sm = inner.function ? ASYNC_STATE_MACHINE.exec(inner.function) : null;
    if (sm && inner.module) {
      module = inner.module;
      fn = sm[1]!;
    }
  }
  return { module, function: fn };
}

export const parseDotnet: LanguageParser = (lines) => {
  let frames: SentryFrame[] = [];
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    if (END_OF_INNER.test(line)) {
      frames = [];
      continue;
    }
    const at = AT.exec(line);
    if (!at) continue;
    let body = at[1]!.trimEnd();
    let path: string | undefined;
    let lineno: number | undefined;
    // ` in /path/File.cs:line 42` (the "in" part is absent without PDBs)
    const inAt = body.lastIndexOf(' in ');
    if (inAt > 0) {
      const tail = body.slice(inAt + 4);
      const m = /^(.+):line (\d+)$/.exec(tail);
      if (m) {
        path = m[1];
        lineno = positiveInt(m[2]);
        body = body.slice(0, inAt);
      }
    }
    const open = openParenOfTrailingGroup(body);
    if (open <= 0) continue;
    const name = body.slice(0, open);
    // A parameter list never holds ':' or a JVM placeholder; that keeps Java frames out.
    const args = body.slice(open + 1, -1);
    if (args.includes(':') || args === 'Native Method' || args === 'Unknown Source') continue;
    if (/\s/.test(name) || !/^[\w.`<>[\],$|-]+$/.test(name)) continue;
    const { module, function: fn } = splitDotnetMethod(name);
    frames.push(
      frame({
        filename: path,
        abs_path: path && isAbsolutePath(path) ? path : undefined,
        module,
        function: fn,
        lineno,
        in_app: dotnetInApp(module, path),
      }),
    );
  }
  return { frames, newestFirst: true };
};
