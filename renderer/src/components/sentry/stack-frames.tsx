// An exception's frames as a developer reads them: most recent call first, app frames emphasised.
import type { ExceptionValue } from '../../../../shared/sentry/payload.js';
import { frameLines } from '../../model/sentry-view.js';

export function StackFrames({ exception }: { exception: ExceptionValue }) {
  const frames = frameLines(exception.stacktrace?.frames ?? []);
  return (
    <div className="exception" role="group" aria-label={`Sentry exception ${exception.type ?? ''}`}>
      <div className="exception-head">
        <span className="exception-type">{exception.type ?? '(no type)'}</span>
        {exception.mechanism && (
          <span className="badge badge-muted" title="mechanism">
            {exception.mechanism.type}
            {exception.mechanism.handled === false ? ' · unhandled' : ''}
          </span>
        )}
      </div>
      {exception.value && <div className="exception-message">{exception.value}</div>}
      {frames.length ? (
        <ol className="stack sentry-frames" aria-label="Stack frames (most recent call first)">
          {frames.map((f, i) => (
            <li key={i} className={`frame ${f.inApp ? 'frame-app' : 'frame-lib'}`}>
              <span className="frame-fn">{f.fn}</span> <span className="frame-loc">{f.location}</span>
              {f.inApp && <span className="badge badge-accent frame-tag">in app</span>}
            </li>
          ))}
        </ol>
      ) : (
        <div className="dim small">No parsed stack trace in this event.</div>
      )}
    </div>
  );
}
