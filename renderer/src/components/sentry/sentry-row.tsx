// One selectable row of the Sentry tab's left-hand lists (transactions, error events, segments): the same
// listbox semantics, selection styling and layout, with the kind letter, title line and meta line varying.
import type { ReactNode } from 'react';

const KIND_LETTER = { tx: 'T', err: 'E', seg: 'S' } as const;

export function SentryRow({
  pointer,
  kind,
  selected,
  onSelect,
  main,
  meta,
}: {
  pointer: string;
  kind: keyof typeof KIND_LETTER;
  selected: boolean;
  onSelect(pointer: string): void;
  /** The title line after the kind letter. */
  main: ReactNode;
  meta: ReactNode;
}) {
  return (
    <li
      role="option"
      aria-selected={selected}
      data-pointer={pointer}
      className={`sentry-row ${selected ? 'row-active' : ''}`}
      onClick={() => onSelect(pointer)}
    >
      <div className="sentry-row-main">
        <span className={`sentry-kind sentry-kind-${kind}`} aria-hidden="true">
          {KIND_LETTER[kind]}
        </span>
        {main}
      </div>
      <div className="sentry-row-meta">{meta}</div>
    </li>
  );
}
