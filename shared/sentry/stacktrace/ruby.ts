// Ruby backtraces (Exception#full_message / backtrace lines, which OpenTelemetry Ruby records):
//
//   /app/services/payment.rb:42:in 'Payments::Service#charge': card declined (Payments::Declined)
//   	from /app/controllers/orders_controller.rb:12:in 'block in create'
//   	from /usr/local/bundle/gems/actionpack-7.1.3/lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action'
//   	from bin/rails:4:in `<main>'
//
// Newest frame first. Both quote styles are read: Ruby < 3.4 writes `method', 3.4 writes 'Class#method'.
// A 3.4 label `Mod::Klass#meth` (or `.meth`) is split into module `Mod::Klass` and function `meth`, keeping a
// `block in` / `rescue in` prefix on the function.
import { frame, isAbsolutePath, MAX_LINE, positiveInt, type LanguageParser } from './common.js';
import { pathInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const FROM = /^\s*(?:from\s+)?/;
const PREFIX = /^((?:(?:block(?: \(\d+ levels\))?|rescue|ensure) in )*)(.*)$/;

function splitLabel(label: string): { module?: string; function: string } {
  const p = PREFIX.exec(label)!;
  const prefix = p[1] ?? '';
  const rest = p[2] ?? '';
  const m = /^([A-Z][\w:]*)([#.])([^#.\s]+)$/.exec(rest);
  if (!m) return { function: label };
  return { module: m[1], function: `${prefix}${m[3]}` };
}

export const parseRuby: LanguageParser = (lines) => {
  const frames: SentryFrame[] = [];
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    const text = line.replace(FROM, '');
    // path:line:in `label' — find ":in " then walk back over the line number.
    const inAt = text.indexOf(':in ');
    if (inAt <= 0) continue;
    const quote = text[inAt + 4];
    if (quote !== '`' && quote !== "'") continue;
    const close = text.indexOf("'", inAt + 5);
    if (close < 0) continue;
    const label = text.slice(inAt + 5, close);
    const head = text.slice(0, inAt);
    const colon = head.lastIndexOf(':');
    if (colon <= 0) continue;
    const lineText = head.slice(colon + 1);
    if (!/^\d+$/.test(lineText)) continue;
    const path = head.slice(0, colon);
    const { module, function: fn } = splitLabel(label);
    frames.push(
      frame({
        filename: path,
        abs_path: isAbsolutePath(path) ? path : undefined,
        module,
        function: fn,
        lineno: positiveInt(lineText),
        in_app: pathInApp(path),
      }),
    );
  }
  return { frames, newestFirst: true };
};
