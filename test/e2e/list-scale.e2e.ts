// The trace list at scale in a real browser (issue 13, item 3): 3 000 traces in the store, 200 loaded; a
// sort by duration or start brings the store-wide first rows (not the loaded page's), the HTTP status and
// Sentry outcome columns fill in, and the Groups view lists root service + name with count, error rate and
// p50/p95, each opening the filtered list. Screenshots at 1280×800 and 1024×640.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Span } from '../../shared/model/span.js';
import { batch, makeSpan, traceId } from '../electron/core/store/fixtures.js';
import {
  eventually,
  launchBrowser,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const N = 3000;
const ROUTES = ['GET /api/users', 'GET /api/items/:id', 'POST /checkout', 'GET /health'] as const;

let inspector: Inspector;

/** Trace i: its route, HTTP status, duration and start, chosen so store order ≠ any other order. */
function spec(i: number) {
  const route = ROUTES[i % 4]!;
  const fail = route === 'POST /checkout' && i % 10 === 2;
  const status = route === 'GET /api/items/:id' && i % 3 === 0 ? 404 : fail ? 500 : 200;
  // The longest trace is the oldest one: far outside the newest 200 the list loads first.
  const durationMs = i === 1 ? 9000 : 5 + ((i * 37) % 800);
  const startMs = ((i * 7919 + 1234) % N) * 10;
  return { route, fail, status, durationMs, startMs };
}

function traceSpansOf(i: number): Span[] {
  const s = spec(i);
  const attrs = [
    { key: 'http.request.method', value: { stringValue: s.route.split(' ')[0]! } },
    { key: 'http.route', value: { stringValue: s.route.split(' ')[1]! } },
    { key: 'http.response.status_code', value: { intValue: String(s.status) } },
  ];
  const root = makeSpan({
    trace: i,
    span: i * 10,
    name: s.route,
    service: i % 5 === 0 ? 'web' : 'api',
    startMs: s.startMs,
    durationMs: s.durationMs,
    error: s.fail,
    exception: s.fail,
    attributes: attrs,
  });
  const db = makeSpan({
    trace: i,
    span: i * 10 + 1,
    parent: i * 10,
    name: 'SELECT shop.items',
    service: i % 5 === 0 ? 'web' : 'api',
    startMs: s.startMs + 1,
    durationMs: Math.max(1, s.durationMs / 2),
    attributes: [{ key: 'db.system', value: { stringValue: 'postgresql' } }],
  });
  return [{ ...root, kind: 2 }, db];
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  inspector = await startTestInspector();
  for (let i = 1; i <= N; i += 100) {
    const spans: Span[] = [];
    for (let j = i; j < i + 100 && j <= N; j++) spans.push(...traceSpansOf(j));
    inspector.store.ingest(batch(spans));
  }
});

afterAll(async () => {
  await inspector?.close();
});

const rows = (page: Page): Locator =>
  page.getByRole('grid', { name: 'Traces' }).locator('[role=row][data-trace-id]');

async function firstRowId(page: Page): Promise<string | null> {
  return rows(page).first().getAttribute('data-trace-id');
}

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
])('list at scale, $width×$height', ({ width, height }) => {
  let browser: TestBrowser;
  let page: Page;
  const size = `${width}x${height}`;

  beforeAll(async () => {
    browser = await launchBrowser({ width, height });
    page = browser.page;
    await page.goto(uiUrl(inspector));
    await rows(page).first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sorts by duration over all 3 000 traces, not the 200 loaded', async () => {
    const foot = page.locator('.grid-foot');
    await eventually(async () => expect(await foot.textContent()).toContain(`200 of 3000 loaded`));
    await page.getByRole('button', { name: 'Sort by Duration' }).click();
    await eventually(async () => expect(await firstRowId(page)).toBe(traceId(1)));
    expect(await page.getByRole('columnheader', { name: 'Sort by Duration' }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(await foot.textContent()).toContain('sorted by duration (descending) over every trace held');
  });

  it('shows HTTP status and the Sentry outcome of each visible row', async () => {
    const first = rows(page).first();
    await eventually(async () =>
      expect(await first.locator('.sentry-outcome').getAttribute('aria-label')).toMatch(
        /^1 transaction \(1 spans\), 0 error events, \d+ lints?/,
      ),
    );
    expect(await first.locator('.http-status').textContent()).toBe('200');
    await page.getByRole('button', { name: 'Sort by HTTP' }).click();
    await eventually(async () =>
      expect(await rows(page).first().locator('.http-status').textContent()).toBe('500'),
    );
    // A failed checkout: its error shows in the Sentry column as an error event.
    await eventually(async () =>
      expect(await rows(page).first().locator('.sentry-outcome').getAttribute('aria-label')).toContain(
        '1 error event,',
      ),
    );
    await page.screenshot({ path: `${OUT}/trace-list-sorted-${size}.png` });
  });

  it('Start sorts chronologically by the traces’ own start times', async () => {
    const start = page.getByRole('button', { name: 'Sort by Start' });
    await start.click(); // newest start first
    await start.click(); // oldest start first
    let earliest = 1;
    for (let i = 1; i <= N; i++) if (spec(i).startMs < spec(earliest).startMs) earliest = i;
    await eventually(async () => expect(await firstRowId(page)).toBe(traceId(earliest)));
    expect(earliest).toBeGreaterThan(1);
    expect(earliest).toBeLessThan(N);
    await page.getByRole('button', { name: 'Back to live order' }).click();
    await eventually(async () => expect(await firstRowId(page)).toBe(traceId(N)));
  });

  it('groups by service + root name with count, error rate and p50/p95, each opening its traces', async () => {
    await page.getByRole('tab', { name: 'Groups' }).click();
    const grid = page.getByRole('grid', { name: 'Trace groups' });
    const groupRows = grid.locator('.group-row');
    await groupRows.first().waitFor();
    const res = await fetch(`http://127.0.0.1:${inspector.api.port}/api/v1/groups`, {
      headers: { Authorization: `Bearer ${inspector.token}` },
    });
    const api = (await res.json()) as {
      groups: { rootService: string; rootName: string; count: number; errorRate: number }[];
      totalGroups: number;
    };
    expect(await groupRows.count()).toBe(api.totalGroups);
    expect(await grid.locator('.grid-foot').textContent()).toContain(
      `${api.totalGroups} groups · 3000 traces`,
    );
    const checkout = api.groups.find((g) => g.rootService === 'api' && g.rootName === 'POST /checkout')!;
    expect(checkout.errorRate).toBeGreaterThan(0);
    const row = groupRows.filter({ hasText: 'POST /checkout' }).filter({ hasText: 'api' }).first();
    expect(await row.locator('.badge-error').textContent()).toMatch(/%$/);
    await page.screenshot({ path: `${OUT}/groups-${size}.png` });

    await row.click();
    await page.locator('.group-filter').waitFor();
    expect(await page.locator('.group-filter').textContent()).toContain('api · POST /checkout');
    const foot = page.locator('.grid-foot');
    await eventually(async () => expect(await foot.textContent()).toContain(`of ${checkout.count} loaded`));
    const names = await rows(page).locator('.trace-name').allTextContents();
    expect(new Set(names)).toEqual(new Set(['POST /checkout']));
    await page.getByRole('button', { name: 'Remove the group filter' }).click();
    await eventually(async () => expect(await foot.textContent()).toContain('of 3000 loaded'));
  });
});
