// A payload as a collapsible JSON tree. Every field with provenance says where it came from, inline and
// dim (the full line on hover); fields that differ from the classic collector exporter carry a marker
// naming the option responsible.
import { useState } from 'react';
import type { Difference } from '../../../../shared/sentry/differences.js';
import {
  branchSummary,
  describeDifference,
  describeProvenance,
  jsonEntries,
  openByDefault,
  provenanceAt,
  type Preview,
} from '../../model/sentry-view.js';

interface Ctx {
  preview: Preview;
  diffs: ReadonlyMap<string, Difference>;
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="json-str">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-num">{value}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span className="json-null">null</span>;
}

function Annotations({ pointer, ctx }: { pointer: string; ctx: Ctx }) {
  const prov = provenanceAt(ctx.preview, pointer);
  const diff = ctx.diffs.get(pointer);
  if (!prov && !diff) return null;
  return (
    <>
      {diff && (
        <span className={`diff-mark diff-${diff.kind}`} title={describeDifference(diff)}>
          {diff.kind === 'added' ? '+' : '≠'} {diff.option ?? 'differs'}
        </span>
      )}
      {prov && (
        <span className="prov" title={`${describeProvenance(prov)}${prov.note ? ` — ${prov.note}` : ''}`}>
          ← {describeProvenance(prov)}
        </span>
      )}
    </>
  );
}

function JsonNode({
  name,
  value,
  pointer,
  depth,
  ctx,
}: {
  name: string;
  value: unknown;
  pointer: string;
  depth: number;
  ctx: Ctx;
}) {
  const branch = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(() => branch && openByDefault(pointer, value, depth));
  const indent = { paddingLeft: depth * 14 };
  if (!branch)
    return (
      <div className="json-row" role="treeitem" aria-level={depth + 1} data-pointer={pointer} style={indent}>
        <span className="json-toggle-space" />
        <span className="json-key">{name}</span>
        <span className="json-colon">:</span> <Scalar value={value} />
        <Annotations pointer={pointer} ctx={ctx} />
      </div>
    );
  const entries = open ? jsonEntries(value, pointer) : [];
  return (
    <div role="treeitem" aria-level={depth + 1} aria-expanded={open} data-pointer={pointer}>
      <div className="json-row json-branch" style={indent} onClick={() => setOpen(!open)}>
        <button
          type="button"
          className="json-toggle"
          aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
          onClick={(e) => {
            e.stopPropagation();
            setOpen(!open);
          }}
        >
          {open ? '▾' : '▸'}
        </button>
        <span className="json-key">{name}</span>
        {!open && <span className="json-summary">{branchSummary(value)}</span>}
        <Annotations pointer={pointer} ctx={ctx} />
      </div>
      {open && (
        <div role="group">
          {entries.map((e) => (
            <JsonNode
              key={e.key}
              name={e.key}
              value={e.value}
              pointer={e.pointer}
              depth={depth + 1}
              ctx={ctx}
            />
          ))}
          {entries.length === 0 && (
            <div className="json-row dim" style={{ paddingLeft: (depth + 1) * 14 + 18 }}>
              (empty)
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function PayloadTree({
  preview,
  diffs,
  pointer,
  value,
  label,
}: {
  preview: Preview;
  diffs: ReadonlyMap<string, Difference>;
  pointer: string;
  value: unknown;
  label: string;
}) {
  const ctx: Ctx = { preview, diffs };
  return (
    <div className="json-tree" role="tree" aria-label={label}>
      {jsonEntries(value, pointer).map((e) => (
        <JsonNode key={e.key} name={e.key} value={e.value} pointer={e.pointer} depth={0} ctx={ctx} />
      ))}
    </div>
  );
}
