// The frame cap, and the promises that hold for any input: never throws, consistent shape, linear time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEEP_OLDEST, MAX_FRAMES, parseStackTrace } from '../../../../shared/sentry/stacktrace/index.js';

/** A V8 trace of `n` frames, newest first: f0 raised, f(n-1) is the outermost call. */
function nodeTrace(n: number): string {
  const lines = ['RangeError: Maximum call stack size exceeded'];
  for (let i = 0; i < n; i++) lines.push(`    at f${i} (/app/rec.js:${i + 1}:3)`);
  return lines.join('\n');
}

describe('frame cap', () => {
  it('keeps a trace of exactly MAX_FRAMES whole', () => {
    const r = parseStackTrace(nodeTrace(MAX_FRAMES));
    expect(r.frames).toHaveLength(MAX_FRAMES);
    expect(r.framesOmitted).toBeUndefined();
  });

  it('keeps the oldest KEEP_OLDEST and the newest frames, and says which range was dropped', () => {
    const n = 600;
    const r = parseStackTrace(nodeTrace(n));
    const names = r.frames.map((f) => f.function);
    const newest = MAX_FRAMES - KEEP_OLDEST;
    // Oldest first: f599 … f550, then f199 … f0 (the raising frame last).
    const expected = [
      ...Array.from({ length: KEEP_OLDEST }, (_, i) => `f${n - 1 - i}`),
      ...Array.from({ length: newest }, (_, i) => `f${newest - 1 - i}`),
    ];
    expect(names).toEqual(expected);
    expect(r.framesOmitted).toEqual([KEEP_OLDEST, n - newest]);
    expect(r.framesOmitted![1] - r.framesOmitted![0]).toBe(n - MAX_FRAMES);
  });
});

/** Pieces of every supported syntax, to build near-miss inputs that reach deep into the parsers. */
const fragments = [
  'Traceback (most recent call last):',
  '  File "',
  '", line ',
  ', in ',
  '\tat ',
  '    at ',
  'async ',
  'new ',
  '(',
  ')',
  ':',
  '1',
  '99999999999',
  '.java',
  '.go',
  ' +0x1d',
  'goroutine 1 [running]:',
  ' in ',
  ':line ',
  ':in `',
  "'",
  'from ',
  '@',
  'file:///',
  'node:internal/',
  'eval at ',
  '<anonymous>',
  'Caused by: ',
  '--- End of inner exception stack trace ---',
  '[cause]:',
  '\n',
  '\r\n',
  ' ',
  'é😀',
  '\u0000',
  '\ud800',
];
const nearMiss = fc.array(fc.constantFrom(...fragments), { maxLength: 80 }).map((parts) => parts.join(''));

function checkShape(text: string, hint?: { language?: string; exceptionType?: string }) {
  const r = parseStackTrace(text, hint);
  expect(r.parsed).toBe(r.frames.length > 0);
  if (!r.parsed) expect(r.language).toBeNull();
  expect(r.frames.length).toBeLessThanOrEqual(MAX_FRAMES);
  for (const f of r.frames) {
    expect(f.filename !== undefined || f.function !== undefined).toBe(true);
    for (const n of [f.lineno, f.colno]) if (n !== undefined) expect(Number.isInteger(n) && n > 0).toBe(true);
    expect(typeof f.in_app).toBe('boolean');
  }
}

describe('any input', () => {
  it('never throws and always returns a consistent result (random strings)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.option(fc.string({ maxLength: 12 })),
        (text, lang) => checkShape(text, lang === null ? undefined : { language: lang }),
      ),
      { numRuns: 400 },
    );
  });

  it('never throws and always returns a consistent result (near-miss stack text)', () => {
    fc.assert(
      fc.property(
        nearMiss,
        fc.constantFrom(undefined, 'python', 'java', 'nodejs', 'go', 'dotnet', 'ruby'),
        (text, language) => checkShape(text, language === undefined ? undefined : { language }),
      ),
      { numRuns: 1500 },
    );
  });
});

describe('linear time', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  // Each shape targets a pattern a careless regex would backtrack on.
  const shapes: Record<string, string> = {
    'one line of :1': fill(':1'),
    'one line of "at ("': fill('at ('),
    'one line of (': fill('('),
    'one line of spaces': fill(' '),
    'only newlines': fill('\n'),
    'long lines of :1': fill(`${':1'.repeat(1500)}\n`),
    'near-V8 lines with many colons': fill(`    at a (b:1${':1'.repeat(1000)})\n`),
    'nested eval origins': fill(`    at eval (eval at ${'(a:1'.repeat(900)})\n`),
    'Go function lines padded with spaces': fill(`a(${' '.repeat(2000)})\n\t${' '.repeat(2000)}\n`),
    'JVM lines of dots': fill(`\tat ${'a.'.repeat(1500)}(${'a.'.repeat(400)})\n`),
    'Ruby lines of :1': fill(`:in \`${':1'.repeat(1500)}\n`),
    '.NET lines of " in "': fill(`   at a${' in '.repeat(900)}:line 1\n`),
    'Python lines of repeated File parts': fill(`  File "${'x", line 1'.repeat(300)}\n`),
    'a million bytes of real frames': fill('    at f (/a/b.js:1:2)\n'),
  };
  it.each(Object.entries(shapes))('parses 1 MB of %s quickly', (_name, text) => {
    const start = performance.now();
    const r = parseStackTrace(text);
    const ms = performance.now() - start;
    expect(r.frames.length).toBeLessThanOrEqual(MAX_FRAMES);
    // Measured at 1–120 ms; a quadratic pattern would take minutes.
    expect(ms).toBeLessThan(1500);
  });
});
