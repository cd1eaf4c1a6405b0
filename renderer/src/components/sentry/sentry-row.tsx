// The Sentry tab's left-hand lists (transactions, error events, segments): a titled listbox with its count
// and a line for when it is empty, and one selectable row per item with the same semantics, selection
// styling and layout; the kind letter, title line and meta line vary.
import type { ReactNode } from 'react';

const KIND_LETTER = { tx: 'T', err: 'E', seg: 'S' } as const;

function SentryRow({
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

/** A titled listbox of rows, one per item (each item is addressed by its JSON pointer in the preview). */
export function SentryRowList<T extends { pointer: string }>({
  title,
  label,
  kind,
  items,
  selected,
  onSelect,
  empty,
  main,
  meta,
}: {
  title: string;
  /** The listbox's accessible name. */
  label: string;
  kind: keyof typeof KIND_LETTER;
  items: readonly T[];
  selected: string | null;
  onSelect(pointer: string): void;
  /** Shown instead of rows when there are none (nothing when absent). */
  empty?: string;
  main(item: T): ReactNode;
  meta(item: T): ReactNode;
}) {
  return (
    <>
      <h3 className="sentry-list-head">
        {title} <span className="section-count">{items.length}</span>
      </h3>
      <ul role="listbox" aria-label={label} className="sentry-rows">
        {items.map((item) => (
          <SentryRow
            key={item.pointer}
            pointer={item.pointer}
            kind={kind}
            selected={selected === item.pointer}
            onSelect={onSelect}
            main={main(item)}
            meta={meta(item)}
          />
        ))}
        {items.length === 0 && empty && <li className="sentry-none">{empty}</li>}
      </ul>
    </>
  );
}
