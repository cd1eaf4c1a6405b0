// Edge cases per language, one table: each row is a trace and the frames expected, oldest first.
import { describe, expect, it } from 'vitest';
import { parseStackTrace, type SentryFrame } from '../../../../shared/sentry/stacktrace/index.js';

type Row = { name: string; language: string; text: string; frames: SentryFrame[] };

const rows: Row[] = [
  // Python
  {
    name: 'python: frame without "in", Windows path, <string>, repeated-line marker',
    language: 'python',
    text: [
      'Traceback (most recent call last):',
      '  File "C:\\app\\run.py", line 3',
      '  File "<string>", line 1, in <module>',
      '  File "/app/rec.py", line 2, in f',
      '    return f(n - 1)',
      '  [Previous line repeated 996 more times]',
      'RecursionError: maximum recursion depth exceeded',
    ].join('\n'),
    frames: [
      { filename: 'C:\\app\\run.py', abs_path: 'C:\\app\\run.py', lineno: 3, in_app: true },
      { filename: '<string>', function: '<module>', lineno: 1, in_app: true },
      {
        filename: '/app/rec.py',
        abs_path: '/app/rec.py',
        function: 'f',
        lineno: 2,
        in_app: true,
        context_line: 'return f(n - 1)',
      },
    ],
  },
  {
    name: 'python: exception group with | prefixes, "direct cause" chain keeps the last traceback',
    language: 'python',
    text: [
      'Traceback (most recent call last):',
      '  File "/app/a.py", line 1, in first',
      'KeyError: 1',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      '  + Exception Group Traceback (most recent call last):',
      '  |   File "/app/b.py", line 7, in main',
      '  |     raise ExceptionGroup("many", errs)',
      '  | ExceptionGroup: many (1 sub-exception)',
    ].join('\n'),
    frames: [
      {
        filename: '/app/b.py',
        abs_path: '/app/b.py',
        function: 'main',
        lineno: 7,
        in_app: true,
        context_line: 'raise ExceptionGroup("many", errs)',
      },
    ],
  },
  // JVM
  {
    name: 'kotlin: coroutine frames, JPMS module@version prefix, <init>, Suppressed stops the frames',
    language: 'java',
    text: [
      'java.lang.IllegalStateException: boom',
      '\tat com.acme.Svc$charge$2.invokeSuspend(Svc.kt:31)',
      '\tat kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:108)',
      '\tat com.acme.Order.<init>(Order.kt:5)',
      '\tat java.base@17.0.2/java.lang.Thread.run(Thread.java:833)',
      '\tSuppressed: java.io.IOException: close failed',
      '\t\tat com.acme.Res.close(Res.java:9)',
    ].join('\n'),
    frames: [
      { filename: 'Thread.java', module: 'java.lang.Thread', function: 'run', lineno: 833, in_app: false },
      { filename: 'Order.kt', module: 'com.acme.Order', function: '<init>', lineno: 5, in_app: true },
      {
        filename: 'DispatchedTask.kt',
        module: 'kotlinx.coroutines.DispatchedTask',
        function: 'run',
        lineno: 108,
        in_app: false,
      },
      {
        filename: 'Svc.kt',
        module: 'com.acme.Svc$charge$2',
        function: 'invokeSuspend',
        lineno: 31,
        in_app: true,
      },
    ],
  },
  {
    name: 'java: default-package class and javax/sun frames',
    language: 'java',
    text: [
      'Exception in thread "main" java.lang.RuntimeException',
      '\tat sun.reflect.GeneratedMethodAccessor1.invoke(Unknown Source)',
      '\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:750)',
      '\tat Main.main(Main.java:3)',
    ].join('\n'),
    frames: [
      { filename: 'Main.java', module: 'Main', function: 'main', lineno: 3, in_app: true },
      {
        filename: 'HttpServlet.java',
        module: 'javax.servlet.http.HttpServlet',
        function: 'service',
        lineno: 750,
        in_app: false,
      },
      { module: 'sun.reflect.GeneratedMethodAccessor1', function: 'invoke', in_app: false },
    ],
  },
  {
    name: 'java: packaging data appended by Logback/Log4j',
    language: 'java',
    text: [
      'com.acme.PaymentException: declined',
      '\tat com.acme.Payments.charge(Payments.java:42) ~[payments-1.0.jar:1.0]',
      '\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167) [tomcat-embed-core-10.1.jar:10.1.19]',
      '\tat java.lang.Thread.run(Thread.java:840) [?:?]',
    ].join('\n'),
    frames: [
      { filename: 'Thread.java', module: 'java.lang.Thread', function: 'run', lineno: 840, in_app: false },
      {
        filename: 'StandardWrapperValve.java',
        module: 'org.apache.catalina.core.StandardWrapperValve',
        function: 'invoke',
        lineno: 167,
        in_app: false,
      },
      {
        filename: 'Payments.java',
        module: 'com.acme.Payments',
        function: 'charge',
        lineno: 42,
        in_app: true,
      },
    ],
  },
  // JavaScript
  {
    name: 'js: browser (Firefox/Safari) fn@url:line:col',
    language: 'javascript',
    text: [
      'loadUser@https://app.example.com/static/js/main.3f2a.js?v=2:1:2345',
      '@https://app.example.com/static/js/vendor.js:2:10',
      'dispatch/<@https://app.example.com/node_modules/react-dom/index.js:5:6',
    ].join('\n'),
    frames: [
      {
        function: 'dispatch',
        filename: '/node_modules/react-dom/index.js',
        abs_path: 'https://app.example.com/node_modules/react-dom/index.js',
        lineno: 5,
        colno: 6,
        in_app: false,
      },
      {
        filename: '/static/js/vendor.js',
        abs_path: 'https://app.example.com/static/js/vendor.js',
        lineno: 2,
        colno: 10,
        in_app: true,
      },
      {
        function: 'loadUser',
        filename: '/static/js/main.3f2a.js',
        abs_path: 'https://app.example.com/static/js/main.3f2a.js?v=2',
        lineno: 1,
        colno: 2345,
        in_app: true,
      },
    ],
  },
  {
    name: 'js: old Node internals, Windows path, async file frame, [cause] ends the frames',
    language: 'javascript',
    text: [
      'Error: outer',
      '    at run (C:\\app\\src\\run.js:4:11)',
      '    at async file:///C:/app/src/main.mjs:2:1',
      '    at process._tickCallback (internal/process/next_tick.js:68:7)',
      '  [cause]: Error: inner',
      '      at inner (/app/inner.js:1:1)',
    ].join('\n'),
    frames: [
      {
        function: 'process._tickCallback',
        filename: 'internal/process/next_tick.js',
        lineno: 68,
        colno: 7,
        in_app: false,
      },
      {
        filename: 'C:/app/src/main.mjs',
        abs_path: 'file:///C:/app/src/main.mjs',
        lineno: 2,
        colno: 1,
        in_app: true,
      },
      {
        function: 'run',
        filename: 'C:\\app\\src\\run.js',
        abs_path: 'C:\\app\\src\\run.js',
        lineno: 4,
        colno: 11,
        in_app: true,
      },
    ],
  },
  // Go
  {
    name: 'go: debug.Stack output, generics, GOPATH checkout is app code',
    language: 'go',
    text: [
      'goroutine 1 [running]:',
      'runtime/debug.Stack()',
      '\t/usr/local/go/src/runtime/debug/stack.go:24 +0x5e',
      'github.com/acme/app/util.Map[...]({0xc000012345, 0x2, 0x2}, 0x4b5f20)',
      '\t/home/dev/go/src/github.com/acme/app/util/map.go:12 +0x8c',
      'main.main()',
      '\t/app/main.go:10',
    ].join('\n'),
    frames: [
      {
        filename: '/app/main.go',
        abs_path: '/app/main.go',
        module: 'main',
        function: 'main',
        lineno: 10,
        in_app: true,
      },
      {
        filename: '/home/dev/go/src/github.com/acme/app/util/map.go',
        abs_path: '/home/dev/go/src/github.com/acme/app/util/map.go',
        module: 'github.com/acme/app/util',
        function: 'Map[...]',
        lineno: 12,
        in_app: true,
      },
      {
        filename: '/usr/local/go/src/runtime/debug/stack.go',
        abs_path: '/usr/local/go/src/runtime/debug/stack.go',
        module: 'runtime/debug',
        function: 'Stack',
        lineno: 24,
        in_app: false,
      },
    ],
  },
  // .NET
  {
    name: '.NET: no line info, generic type arity, lambda, async state machine without file',
    language: 'dotnet',
    text: [
      'System.NullReferenceException: Object reference not set to an instance of an object.',
      '   at Acme.Worker.<>c__DisplayClass2_0.<Run>b__0(Job j)',
      '   at System.Collections.Generic.List`1.ForEach(Action`1 action)',
      '   at Acme.Worker.<RunAsync>d__3.MoveNext()',
    ].join('\n'),
    frames: [
      { module: 'Acme.Worker', function: 'RunAsync', in_app: true },
      { module: 'System.Collections.Generic.List`1', function: 'ForEach', in_app: false },
      { module: 'Acme.Worker.<>c__DisplayClass2_0', function: '<Run>b__0', in_app: true },
    ],
  },
  // Ruby
  {
    name: 'ruby: backtick style first line with message, singleton method, rescue in, bare backtrace lines',
    language: 'ruby',
    text: [
      "app/models/user.rb:10:in `find!': not found (ActiveRecord::RecordNotFound)",
      "app/models/user.rb:3:in 'rescue in User.load'",
      "/home/dev/.gem/ruby/3.2.0/gems/rack-3.0.8/lib/rack/builder.rb:5:in `call'",
    ].join('\n'),
    frames: [
      {
        filename: '/home/dev/.gem/ruby/3.2.0/gems/rack-3.0.8/lib/rack/builder.rb',
        abs_path: '/home/dev/.gem/ruby/3.2.0/gems/rack-3.0.8/lib/rack/builder.rb',
        function: 'call',
        lineno: 5,
        in_app: false,
      },
      { filename: 'app/models/user.rb', module: 'User', function: 'rescue in load', lineno: 3, in_app: true },
      { filename: 'app/models/user.rb', function: 'find!', lineno: 10, in_app: true },
    ],
  },
];

describe('parseStackTrace edge cases', () => {
  it.each(rows)('$name', ({ text, language, frames }) => {
    expect(parseStackTrace(text)).toEqual({ frames, language, parsed: true });
  });
});

describe('language choice', () => {
  // `at A.Run(Program.x)` reads as a JVM frame and as a .NET frame: a tie.
  const ambiguous = 'at Acme.Run(Program.x)';
  it.each([
    [undefined, 'java'],
    [{ language: 'dotnet' }, 'dotnet'],
    [{ language: 'CSharp' }, 'dotnet'],
    [{ exceptionType: 'System.InvalidOperationException' }, 'dotnet'],
    [{ language: 'java', exceptionType: 'System.Exception' }, 'java'],
  ])('breaks a tie with the hint %j → %s', (hint, language) => {
    expect(parseStackTrace(ambiguous, hint).language).toBe(language);
  });

  it('does not let a wrong hint hide frames another parser reads', () => {
    const text = 'Traceback (most recent call last):\n  File "/app/x.py", line 1, in f\nValueError';
    expect(parseStackTrace(text, { language: 'java' })).toMatchObject({ language: 'python', parsed: true });
  });

  it.each(['', '   \n\t', 'just a message', 'ValueError: bad value', 'at', '{"stack":null}'])(
    'reports %j as unparsed',
    (text) => {
      expect(parseStackTrace(text, { language: 'python' })).toEqual({
        frames: [],
        language: null,
        parsed: false,
      });
    },
  );

  it('treats non-string input as unparsed instead of throwing', () => {
    expect(parseStackTrace(undefined as unknown as string)).toEqual({
      frames: [],
      language: null,
      parsed: false,
    });
    expect(parseStackTrace(42 as unknown as string)).toEqual({ frames: [], language: null, parsed: false });
  });
});
