// One tab of a `role="tablist"`: the ARIA state and the selected styling in one place.
import type { ReactNode } from 'react';

export function Tab({
  selected,
  onSelect,
  title,
  children,
}: {
  selected: boolean;
  onSelect(): void;
  title?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      className={`tab ${selected ? 'tab-on' : ''}`}
      title={title}
      onClick={onSelect}
    >
      {children}
    </button>
  );
}
