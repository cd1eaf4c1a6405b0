// JVM stack traces (Throwable.printStackTrace; Java, Kotlin, Scala, …):
//
//   java.lang.IllegalStateException: card declined
//   	at com.acme.Payments.charge(Payments.java:42)
//   	at com.acme.Api.handle$lambda$0(Api.kt:17)
//   	at java.base/java.lang.Thread.run(Thread.java:833)
//   	at jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
//   Caused by: java.io.IOException: disk full
//   	at com.acme.Disk.write(Disk.java:10)
//   	... 3 more
//
// Newest frame first. Only the frames of the top exception are kept: that is the exception `exception.type`
// names (its `Caused by:` chain is printed after it, and `... N more` points back into the top frames).
import { frame, MAX_LINE, openParenOfTrailingGroup, positiveInt, type LanguageParser } from './common.js';
import { jvmInApp } from './in-app.js';
import type { SentryFrame } from './types.js';

const AT = /^\s*at\s+(\S.*)$/;
/** What the JVM prints inside the parentheses: a file (maybe with a line), or one of its placeholders. */
const LOCATION = /^(?:([^\s():]+\.[A-Za-z0-9]+)(?::(\d+))?|(Native Method|Unknown Source)(?::(\d+))?)$/;
/** A JVM method name, with an optional class-loader/module prefix ("app//", "java.base@17/"). */
const METHOD = /^[\w$.<>\-@/]+$/;
const CHAIN = /^\s*(?:Caused by:|Suppressed:)/;
const PACKAGING = /\)\s+~?\[[^\]\s]*\]$/;

export const parseJava: LanguageParser = (lines) => {
  const frames: SentryFrame[] = [];
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    if (CHAIN.test(line)) {
      if (frames.length > 0) break;
      continue;
    }
    const at = AT.exec(line);
    if (!at) continue;
    // Logback/Log4j append packaging data after the frame: `(Foo.java:42) ~[app.jar:1.0]`, `[?:?]`.
    const body = at[1]!.trimEnd().replace(PACKAGING, ')');
    const open = openParenOfTrailingGroup(body);
    if (open <= 0) continue;
    const loc = LOCATION.exec(body.slice(open + 1, -1));
    let qualified = body.slice(0, open);
    if (!loc || !METHOD.test(qualified)) continue;
    // Drop the class-loader or JPMS module prefix: everything up to the last '/'.
    const slash = qualified.lastIndexOf('/');
    if (slash >= 0) qualified = qualified.slice(slash + 1);
    const dot = qualified.lastIndexOf('.');
    const module = dot > 0 ? qualified.slice(0, dot) : undefined;
    const fn = dot > 0 ? qualified.slice(dot + 1) : qualified;
    if (!fn) continue;
    frames.push(
      frame({
        // "Native Method" and "Unknown Source" are not file names: leave filename out.
        filename: loc[1],
        module,
        function: fn,
        lineno: positiveInt(loc[2] ?? loc[4]),
        in_app: jvmInApp(module),
      }),
    );
  }
  return { frames, newestFirst: true };
};
