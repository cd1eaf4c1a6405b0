// The one virtualised grid behind the trace and span tables: a sticky header row with sort buttons, rows
// drawn only where the scroll position shows them (recycled by slot, see virtual-slots.ts), the keyboard
// cursor as the selected row, an empty note and a footer. The tables own their data, columns and sorting;
// this owns the DOM, the ARIA roles and the scrolling.
import { memo, useRef, type ReactNode, type RefObject, type UIEvent } from 'react';
import { useVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { flexRender, type Column, type Row, type Table } from '@tanstack/react-table';
import { bySlot, slotKey } from './virtual-slots.js';

export const ROW_HEIGHT = 32;

/** What every grid column declares in its react-table `meta`. */
export interface GridColumnMeta {
  /** A CSS grid track size. */
  width: string;
  align?: 'right';
}

/** How a header shows and changes its column's sort; null for a column that does not sort. */
export interface HeaderSort {
  state: 'asc' | 'desc' | false;
  /** The header button's click handler (the event carries modifier keys). */
  toggle: (event: unknown) => void;
}

interface GridRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  items: VirtualItem[];
  /** The first and last list index drawn (last is -1 when nothing is). */
  first: number;
  last: number;
}

/** The virtualiser over `count` rows of ROW_HEIGHT, created before the table so a table can cover only them. */
export function useGridRows(count: number): GridRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  return {
    scrollRef,
    virtualizer,
    items,
    first: items[0]?.index ?? 0,
    last: items[items.length - 1]?.index ?? -1,
  };
}

function metaOf<T>(column: Column<T, unknown>): GridColumnMeta {
  return column.columnDef.meta as GridColumnMeta;
}

function alignClass(meta: GridColumnMeta | undefined): string {
  return `cell ${meta?.align === 'right' ? 'cell-right' : ''}`;
}

/** The grid track template of the table's visible columns. */
function gridTemplate<T>(table: Table<T>): string {
  return table
    .getVisibleLeafColumns()
    .map((c) => metaOf(c).width)
    .join(' ');
}

interface GridRowProps<T> {
  row: Row<T>;
  index: number;
  top: number;
  active: boolean;
  template: string;
  className: string;
  data: Record<`data-${string}`, string | number>;
  onOpen: (row: T, index: number) => void;
}

function GridRowImpl<T>({ row, index, top, active, template, className, data, onOpen }: GridRowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      className={`grid-row ${active ? 'row-active' : ''} ${className}`}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template }}
      {...data}
      onClick={() => onOpen(row.original, index)}
    >
      {row.getVisibleCells().map((cell) => (
        <div
          role="gridcell"
          key={cell.column.id}
          className={alignClass(cell.column.columnDef.meta as GridColumnMeta | undefined)}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}

const GridRow = memo(
  GridRowImpl,
  // Row objects are rebuilt whenever the data slides; what a row shows depends only on its original.
  (a, b) =>
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.top === b.top &&
    a.active === b.active &&
    a.template === b.template &&
    a.className === b.className &&
    a.onOpen === b.onOpen,
) as typeof GridRowImpl;

interface VirtualGridProps<T> {
  label: string;
  /** Rows in the whole list (loaded or not), for aria-rowcount. */
  total: number;
  grid: GridRows;
  /** A table whose row 0 is list index `rowOffset`. */
  table: Table<T>;
  rowOffset: number;
  cursor: number;
  sortOf: (column: Column<T, unknown>) => HeaderSort | null;
  sortLabel: string;
  rowClass: (row: T) => string;
  /** data-* attributes; they must depend only on the row. */
  rowData: (row: T) => Record<`data-${string}`, string | number>;
  onOpen: (row: T, index: number) => void;
  onScroll?: (e: UIEvent<HTMLDivElement>) => void;
  /** Shown under the rows when set (the "nothing matches" note). */
  empty: string | null;
  foot: ReactNode;
  footLive?: boolean;
}

export function VirtualGrid<T>(p: VirtualGridProps<T>) {
  const template = gridTemplate(p.table);
  const rows = p.table.getRowModel().rows;
  const { items } = p.grid;
  return (
    <div className="grid" role="grid" aria-label={p.label} aria-rowcount={p.total + 1}>
      <div
        role="row"
        aria-rowindex={1}
        className="grid-row grid-head"
        style={{ gridTemplateColumns: template }}
      >
        {p.table.getFlatHeaders().map((h) => {
          const sort = p.sortOf(h.column);
          const label = flexRender(h.column.columnDef.header, h.getContext());
          return (
            <div
              role="columnheader"
              key={h.id}
              className={alignClass(metaOf(h.column))}
              aria-sort={sort?.state ? (sort.state === 'desc' ? 'descending' : 'ascending') : undefined}
            >
              {sort ? (
                <button
                  type="button"
                  className="sort-btn"
                  aria-label={`${p.sortLabel} ${String(h.column.columnDef.header)}`}
                  onClick={sort.toggle}
                >
                  {label}
                  <span className="sort-mark" aria-hidden="true">
                    {sort.state === 'desc' ? '▾' : sort.state === 'asc' ? '▴' : ''}
                  </span>
                </button>
              ) : (
                label
              )}
            </div>
          );
        })}
      </div>
      <div className="grid-body" ref={p.grid.scrollRef} onScroll={p.onScroll} tabIndex={-1}>
        <div style={{ height: p.grid.virtualizer.getTotalSize(), position: 'relative' }}>
          {bySlot(items).map((vi) => {
            const row = rows[vi.index - p.rowOffset];
            return row ? (
              <GridRow
                key={slotKey(vi.index, items.length)}
                row={row}
                index={vi.index}
                top={vi.start}
                active={vi.index === p.cursor}
                template={template}
                className={p.rowClass(row.original)}
                data={p.rowData(row.original)}
                onOpen={p.onOpen}
              />
            ) : null;
          })}
        </div>
        {p.empty !== null && (
          <div className="grid-empty" role="note">
            {p.empty}
          </div>
        )}
      </div>
      <div className="grid-foot" aria-live={p.footLive ? 'polite' : undefined}>
        {p.foot}
      </div>
    </div>
  );
}
