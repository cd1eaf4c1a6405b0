// The shapes the stack-trace parsers produce. A frame carries only the keys of Sentry's `Frame` interface
// (event.schema.json) that can be read from stack text, so the mapping code can copy it into
// `exception.values[].stacktrace.frames` as is.

/** One stack frame, in Sentry's key names. Absent keys were not in the text. */
export type SentryFrame = {
  /** The file name as written in the trace, or its project-relative form where that is obvious. */
  filename?: string;
  /** The absolute path or URL, when the trace gives one. */
  abs_path?: string;
  function?: string;
  /** Python module, Java/.NET class (with package/namespace), Go package path, … */
  module?: string;
  /** 1-based. */
  lineno?: number;
  /** 1-based. */
  colno?: number;
  /** Our guess: false for standard-library, framework and vendored code, true otherwise. */
  in_app?: boolean;
  /** The source line, when the trace prints it (Python does). */
  context_line?: string;
};

export type ParsedStackTrace = {
  /** Oldest call first, the frame that raised last: the order Sentry expects. */
  frames: SentryFrame[];
  /** The language the text was parsed as (python, java, javascript, go, dotnet, ruby), or null. */
  language: string | null;
  /** False when no frame could be read; the caller then keeps the raw text. */
  parsed: boolean;
  /**
   * When the trace had more frames than we keep (MAX_FRAMES), the half-open range [start, end) of the
   * dropped frames, as indices into the full oldest-first list. Absent when nothing was dropped.
   * The count dropped is `end - start`. This is our metadata, not a Sentry field: don't send it.
   */
  framesOmitted?: [number, number];
};

/** Optional hints from telemetry: `language` is `telemetry.sdk.language`, `exceptionType` is `exception.type`. */
export type StackTraceHint = { language?: string; exceptionType?: string };
