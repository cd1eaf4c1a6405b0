import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../state/store.js';
import { parseDurationInput } from '../model/trace-filter.js';

/** Typing waits this long before asking the server, so each keystroke is not a request. */
const TEXT_DEBOUNCE_MS = 200;

export function FilterBar() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const rows = useApp((s) => s.traces.rows);
  const [text, setText] = useState(filter.q);
  // The last text this bar sent; a different filter.q was set elsewhere (Esc Esc clears it): show that.
  const sent = useRef(filter.q);
  useEffect(() => {
    if (filter.q === sent.current) return;
    sent.current = filter.q;
    setText(filter.q);
  }, [filter.q]);
  const [minText, setMinText] = useState(filter.minDurationMs === null ? '' : String(filter.minDurationMs));
  const minParsed = parseDurationInput(minText);

  useEffect(() => {
    if (text === filter.q) return;
    const t = setTimeout(() => {
      sent.current = text;
      setFilter({ q: text });
    }, TEXT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, filter.q, setFilter]);

  useEffect(() => {
    if (minParsed === undefined || minParsed === filter.minDurationMs) return;
    const t = setTimeout(() => setFilter({ minDurationMs: minParsed }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [minParsed, filter.minDurationMs, setFilter]);

  // Services seen in the loaded rows, plus the selected one so it never vanishes from its own menu.
  const services = useMemo(() => {
    const set = new Set<string>();
    for (let i = 0; i < rows.length && i < 5000; i++) for (const s of rows[i]!.services) set.add(s);
    if (filter.service) set.add(filter.service);
    return [...set].sort();
  }, [rows, filter.service]);

  return (
    <div className="filterbar" role="search">
      {filter.group && (
        <span className="group-filter chip" title="Traces of one group (from the Groups view)">
          <span className="dim">Group</span>
          <span className="group-filter-name">
            {filter.group.rootService || '?'} · {filter.group.rootName || '(unnamed)'}
          </span>
          <button
            type="button"
            className="chip-btn"
            aria-label="Remove the group filter"
            onClick={() => setFilter({ group: null })}
          >
            ✕
          </button>
        </span>
      )}
      <input
        id="filter-text"
        className="input filter-text"
        type="search"
        placeholder="Filter: trace ID, span name, service, attribute value   ( / )"
        aria-label="Filter traces"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <select
        className="input"
        aria-label="Service"
        value={filter.service}
        onChange={(e) => setFilter({ service: e.target.value })}
      >
        <option value="">All services</option>
        {services.map((s) => (
          <option key={s} value={s}>
            {s || '(no service.name)'}
          </option>
        ))}
      </select>
      <input
        className={`input filter-min ${minParsed === undefined ? 'input-invalid' : ''}`}
        aria-label="Minimum duration"
        aria-invalid={minParsed === undefined}
        placeholder="Min duration"
        value={minText}
        onChange={(e) => setMinText(e.target.value)}
        title="Only traces at least this long: 250, 250ms, 1.5s, 2m, 1h"
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filter.errorsOnly}
          onChange={(e) => setFilter({ errorsOnly: e.target.checked })}
        />
        Errors only
      </label>
    </div>
  );
}
