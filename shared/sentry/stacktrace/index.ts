// parseStackTrace: stack-trace text of Python, JVM, JavaScript, Go, .NET or Ruby → Sentry frames, oldest call
// first and the raising frame last (the order of Sentry's `stacktrace.frames`).
//
// How the language is chosen: every parser is linear and strict about what a frame line looks like, so all
// six run and the one that reads the most frames wins. Ties go to the hinted language (from
// `telemetry.sdk.language`), then to a guess from `exception.type`, then to a fixed order. A hint never forces a
// parser that finds nothing: an SDK may record a stack from another runtime (a Node service relaying a Python
// error). Unreadable text gives `{ frames: [], language: null, parsed: false }` and this function never throws.
//
// Frame cap: Relay keeps the newest 250 frames of a stack trace (reference/sentry-protocol.md §2.6), dropping
// the oldest, so a deep recursion would lose its entry point. We keep at most MAX_FRAMES = 250 ourselves,
// choosing which: the KEEP_OLDEST = 50 oldest (how the program got there) and the 200 nearest the crash,
// dropping the middle, and report the dropped range in `framesOmitted`.
import { splitLines, type LanguageParser } from './common.js';
import { parseDotnet } from './dotnet.js';
import { parseGo } from './go.js';
import { parseJava } from './java.js';
import { parseJavaScript } from './javascript.js';
import { parsePython } from './python.js';
import { parseRuby } from './ruby.js';
import type { ParsedStackTrace, SentryFrame, StackTraceHint } from './types.js';

export type { SentryFrame, StackTraceHint } from './types.js';

export const MAX_FRAMES = 250;
export const KEEP_OLDEST = 50;

/** The language names we report, in tie-break order. */
const LANGUAGES = ['python', 'java', 'javascript', 'go', 'dotnet', 'ruby'] as const;
type StackLanguage = (typeof LANGUAGES)[number];

const PARSERS: Record<StackLanguage, LanguageParser> = {
  python: parsePython,
  java: parseJava,
  javascript: parseJavaScript,
  go: parseGo,
  dotnet: parseDotnet,
  ruby: parseRuby,
};

/** `telemetry.sdk.language` values (and a few common spellings) → our parser. */
const HINT_LANGUAGE: Record<string, StackLanguage> = {
  python: 'python',
  java: 'java',
  kotlin: 'java',
  scala: 'java',
  jvm: 'java',
  nodejs: 'javascript',
  node: 'javascript',
  webjs: 'javascript',
  javascript: 'javascript',
  js: 'javascript',
  typescript: 'javascript',
  go: 'go',
  golang: 'go',
  dotnet: 'dotnet',
  csharp: 'dotnet',
  'c#': 'dotnet',
  '.net': 'dotnet',
  fsharp: 'dotnet',
  ruby: 'ruby',
};

function languageFromHint(language: string | undefined): StackLanguage | undefined {
  return language ? HINT_LANGUAGE[language.trim().toLowerCase()] : undefined;
}

/** A weak guess from the exception's type name, used only to break ties. */
function languageFromExceptionType(type: string | undefined): StackLanguage | undefined {
  if (!type) return undefined;
  if (/^(?:System|Microsoft)\./.test(type)) return 'dotnet';
  if (
    /^(?:java|javax|jakarta|kotlin|kotlinx|scala)\./.test(type) ||
    /^[a-z]\w*(?:\.[a-z]\w*)+\.[A-Z]\w*$/.test(type)
  )
    return 'java';
  if (type.startsWith('*') || type.startsWith('runtime.')) return 'go';
  if (type.includes('::')) return 'ruby';
  return undefined;
}

/** Keeps the oldest KEEP_OLDEST and the newest MAX_FRAMES − KEEP_OLDEST frames (frames are oldest first). */
function capFrames(frames: SentryFrame[]): {
  frames: SentryFrame[];
  framesOmitted?: [number, number];
} {
  if (frames.length <= MAX_FRAMES) return { frames };
  const newest = MAX_FRAMES - KEEP_OLDEST;
  const end = frames.length - newest;
  return {
    frames: [...frames.slice(0, KEEP_OLDEST), ...frames.slice(end)],
    framesOmitted: [KEEP_OLDEST, end],
  };
}

const UNPARSED: ParsedStackTrace = Object.freeze({
  frames: [],
  language: null,
  parsed: false,
}) as ParsedStackTrace;

export function parseStackTrace(text: string, hint?: StackTraceHint): ParsedStackTrace {
  try {
    if (typeof text !== 'string' || text.trim() === '') return { ...UNPARSED, frames: [] };
    const lines = splitLines(text);
    const preferred = [languageFromHint(hint?.language), languageFromExceptionType(hint?.exceptionType)];
    let best: { language: StackLanguage; frames: SentryFrame[]; newestFirst: boolean; rank: number } | null =
      null;
    for (const language of LANGUAGES) {
      const { frames, newestFirst } = PARSERS[language](lines);
      if (frames.length === 0) continue;
      const p = preferred.indexOf(language);
      const rank = p < 0 ? preferred.length : p;
      if (
        !best ||
        frames.length > best.frames.length ||
        (frames.length === best.frames.length && rank < best.rank)
      ) {
        best = { language, frames, newestFirst, rank };
      }
    }
    if (!best) return { ...UNPARSED, frames: [] };
    const ordered = best.newestFirst ? best.frames.reverse() : best.frames;
    const capped = capFrames(ordered);
    const out: ParsedStackTrace = { frames: capped.frames, language: best.language, parsed: true };
    if (capped.framesOmitted) out.framesOmitted = capped.framesOmitted;
    return out;
  } catch {
    // A parser bug must never take the mapping down: the caller keeps the raw text.
    return { ...UNPARSED, frames: [] };
  }
}
