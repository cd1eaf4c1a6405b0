// The Sentry tab's trace tree in a real browser (issue 13, item 2): a frontend call into a backend becomes
// ONE tree — the backend's transaction under the frontend span that called it, its database span below,
// the backend's error event where it was raised — every row with op, status and duration on one axis;
// selecting a row shows its payload, whose values stay readable next to their provenance at 1024 px; the
// options read as plain names. Screenshots at 1280×800 and 1024×640. A trace of 1 800 Sentry spans renders
// only the rows on screen, its last row is reachable by scrolling, and j/k walk the tree with the payload
// following and the selected row scrolled into view.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Span } from '../../shared/model/span.js';
import { SCENARIOS } from '../shared/sentry/scenarios.js';
import { sentryTraceTree, type SentryTree } from '../../renderer/src/model/sentry-trace-tree.js';
import type { Preview } from '../../renderer/src/model/sentry-view.js';
import {
  bigTraceBody,
  eventually,
  launchBrowser,
  postOtlpJson,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
let inspector: Inspector;
let traceId: string;
/** 1 800 spans (fanout 8): under the preview budget, so every one is a Sentry span in the tree. */
const BIG = 'b16b16b16b16b16b16b16b16b16b1800';
const BIG_SPANS = 1800;

/** server-child, with the backend's server span failing with an exception. */
function failingServerChild(): Span[] {
  return SCENARIOS.find((s) => s.name === 'server-child')!
    .spans()
    .map((s) =>
      s.spanId === '1000000000000002'
        ? {
            ...s,
            status: { code: 2, message: 'items backend failed' },
            events: [
              {
                timeUnixNano: (BigInt(s.startTimeUnixNano) + 30_000_000n).toString(),
                name: 'exception',
                attributes: [
                  { key: 'exception.type', value: { stringValue: 'ItemsUnavailable' } },
                  { key: 'exception.message', value: { stringValue: 'the items table is locked' } },
                ],
                droppedAttributesCount: 0,
              },
            ],
          }
        : s,
    );
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  inspector = await startTestInspector();
  const spans = failingServerChild();
  traceId = spans[0]!.traceId;
  inspector.store.ingest({ spans, rejected: [], errors: [] });
});

afterAll(async () => {
  await inspector?.close();
});

async function openSentryTab(page: Page, id = traceId) {
  await page.goto(uiUrl(inspector));
  const row = page.locator(`[role=row][data-trace-id="${id}"]`);
  await row.click();
  await page.getByRole('tab', { name: /Sentry/ }).click();
  await page
    .getByRole('tree', { name: /^Sentry trace/ })
    .getByRole('treeitem')
    .first()
    .waitFor();
}

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
])('Sentry trace tree, $width×$height', ({ width, height }) => {
  let browser: TestBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser({ width, height });
    page = browser.page;
    await openSentryTab(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const items = () => page.getByRole('tree', { name: /^Sentry trace/ }).getByRole('treeitem');

  it('stitches the transactions into one tree with the error event where it was raised', async () => {
    const rows = await items().evaluateAll((els) =>
      els.map((e) => ({
        level: Number(e.getAttribute('aria-level')),
        kind: e.getAttribute('data-kind'),
        text: (e.querySelector('.stree-name')?.textContent ?? '').trim(),
        status: e.querySelector('.stree-status')?.textContent ?? '',
        dur: e.querySelector('.stree-dur')?.textContent ?? '',
      })),
    );
    // Frontend client transaction → backend server transaction → db span and the error event.
    expect(rows.map((r) => [r.level, r.kind])).toEqual([
      [1, 'transaction'],
      [2, 'transaction'],
      [3, 'span'],
      [3, 'error'],
      [2, 'span'],
    ]);
    expect(rows[1]!.text).toContain('http.server');
    expect(rows[1]!.text).toContain('GET /api/items');
    expect(rows[1]!.status).toMatch(/_error$/); // failed span: not ok (which error status is the mapping's call)
    expect(rows[2]!.text).toContain('db');
    expect(rows[2]!.text).toContain('SELECT * FROM items');
    expect(rows[2]!.dur).toMatch(/ms$/);
    expect(rows[3]!.text).toContain('ItemsUnavailable: the items table is locked');
    // Bars share one axis: the child transaction's bar starts right of the root's.
    const lefts = await items()
      .locator('.stree-bar')
      .evaluateAll((els) => els.map((e) => parseFloat((e as HTMLElement).style.left)));
    expect(lefts[0]).toBe(0);
    expect(lefts[1]).toBeGreaterThan(0);
    // The axis header: ticks from 0, in order, each label inside the axis column.
    const ticks = await page.locator('.stree-head .stree-axis').evaluate((axis) => {
      const box = axis.getBoundingClientRect();
      return [...axis.querySelectorAll('.stree-tick')].map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent,
          inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
          x: r.left,
        };
      });
    });
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks[0]!.text).toMatch(/^0/);
    expect(ticks.every((t) => t.inside)).toBe(true);
    expect(ticks.map((t) => t.x)).toEqual([...ticks.map((t) => t.x)].sort((a, b) => a - b));
  });

  it('shows the selected row’s payload with provenance, values never cut before the notes', async () => {
    await items().nth(1).click();
    await eventually(async () => expect(await items().nth(1).getAttribute('aria-selected')).toBe('true'));
    const main = page.getByLabel('Sentry payload');
    await main.locator('.sentry-payload-head').filter({ hasText: 'GET /api/items' }).waitFor();
    for (const field of ['status', 'op']) {
      const row = main.locator(`[data-pointer$="/contexts/trace/${field}"]`).first();
      await row.waitFor();
      const fit = await row.locator('.json-str').evaluate((e) => ({
        text: e.textContent,
        cut: e.scrollWidth > e.clientWidth + 1,
        width: e.clientWidth,
      }));
      expect(fit.cut, `${field} ${fit.text} is cut at ${width} px`).toBe(false);
      expect(fit.width).toBeGreaterThan(20);
    }
    expect(await main.locator('.prov').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUT}/sentry-trace-tree-${width}x${height}.png` });

    // A span row: its own object, within its transaction.
    await items().nth(2).click();
    await main.locator('.sentry-payload-head').filter({ hasText: 'span' }).waitFor();
    await eventually(async () =>
      expect(await main.locator('[data-pointer$="/spans/0/op"] .json-str').textContent()).toBe('"db"'),
    );
    // The error event row opens the error with its exception.
    await items().nth(3).click();
    await main.locator('.sentry-payload-head').filter({ hasText: 'error event' }).waitFor();
  });

  it('e jumps to the error event, ←/→/Enter fold the selected row, j skips what is folded', async () => {
    const pointers = await items().evaluateAll((els) => els.map((e) => e.getAttribute('data-pointer')));
    const selected = () => page.locator('[role=tree] [aria-selected="true"]').getAttribute('data-pointer');
    await items().first().click();
    await page.keyboard.press('e');
    await eventually(async () => expect(await selected()).toBe('/errors/0'));
    const main = page.getByLabel('Sentry payload');
    await main.locator('.sentry-payload-head').filter({ hasText: 'error event' }).waitFor();
    // ← on a leaf goes to its parent (the backend transaction); ← again folds it.
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => expect(await selected()).toBe(pointers[1]));
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => expect(await items().nth(1).getAttribute('aria-expanded')).toBe('false'));
    expect(await items().count()).toBe(pointers.length - 2);
    await page.keyboard.press('j');
    await eventually(async () => expect(await selected()).toBe(pointers[4]));
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await items().count()).toBe(pointers.length));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await items().count()).toBe(pointers.length - 2));
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await items().nth(1).getAttribute('aria-expanded')).toBe('true'));
    // Shift+E from below the error goes back up to it.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await eventually(async () => expect(await selected()).toBe(pointers[4]));
    await page.keyboard.press('Shift+E');
    await eventually(async () => expect(await selected()).toBe('/errors/0'));
  });

  it('names the options plainly with the identifier as secondary text', async () => {
    const opt = page.locator('.opt-toggle').filter({ hasText: 'httpRouteNames' });
    expect(await opt.locator('.opt-label').textContent()).toBe('Use http.route for names');
    expect(await opt.locator('.opt-id').textContent()).toBe('httpRouteNames');
  });
});

/** The tree the UI should show for a trace: the API's preview through the tree model. */
async function expectedTree(id: string): Promise<SentryTree> {
  const res = await fetch(
    `http://127.0.0.1:${inspector.api.port}/api/v1/traces/${id}/sentry?profile=collector`,
    {
      headers: { Authorization: `Bearer ${inspector.token}` },
    },
  );
  expect(res.status).toBe(200);
  return sentryTraceTree((await res.json()) as Preview);
}

describe(`a Sentry trace of ${BIG_SPANS} spans`, () => {
  let browser: TestBrowser;
  let page: Page;
  let tree: SentryTree;
  const body = () => page.getByRole('tree', { name: /^Sentry trace/ });
  const items = () => body().getByRole('treeitem');
  const selectedPointer = () => body().locator('[aria-selected="true"]').getAttribute('data-pointer');
  beforeAll(async () => {
    await postOtlpJson(inspector.http.port, bigTraceBody(BIG_SPANS, 8, BIG));
    tree = await expectedTree(BIG);
    browser = await launchBrowser({ width: 1280, height: 800 });
    page = browser.page;
    await openSentryTab(page, BIG);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a bounded number of rows, every one reachable by scrolling', async () => {
    // Every span is a row of the tree (nothing cut by the preview budget) …
    expect(tree.rows).toHaveLength(BIG_SPANS);
    expect(await body().getAttribute('aria-label')).toContain(`${BIG_SPANS} rows`);
    // … but only those on screen (and a few around them) are in the DOM.
    const rendered = await items().count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(80);
    const first = await items()
      .first()
      .evaluate((e) => ({
        pointer: e.getAttribute('data-pointer'),
        pos: e.getAttribute('aria-posinset'),
        size: e.getAttribute('aria-setsize'),
        level: e.getAttribute('aria-level'),
      }));
    expect(first).toEqual({ pointer: tree.rows[0]!.pointer, pos: '1', size: '1', level: '1' });
    // With a scrollbar beside the rows, the header's columns still sit over theirs.
    const x = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((e) => e.getBoundingClientRect().x);
    for (const col of ['.stree-status', '.stree-dur', '.stree-axis'])
      expect(await x(`.stree-head ${col}`)).toBeCloseTo(await x(`.stree-row ${col}`), 0);
    // The scroller is as tall as all the rows; at its bottom, the tree's last row is shown, with its place.
    const height = await body().evaluate((e) => {
      e.scrollTop = e.scrollHeight;
      return e.scrollHeight;
    });
    expect(height).toBeGreaterThanOrEqual(BIG_SPANS * 26);
    const last = tree.rows.at(-1)!;
    const lastRow = body().locator(`[role=treeitem][data-pointer="${last.pointer}"]`);
    await lastRow.waitFor();
    expect(await lastRow.getAttribute('aria-level')).toBe(String(last.depth + 1));
    expect(await lastRow.getAttribute('aria-posinset')).toBe(String(last.posInSet));
    expect(await lastRow.getAttribute('aria-setsize')).toBe(String(last.setSize));
    expect(await lastRow.locator('.stree-desc').textContent()).toBe(last.description);
    expect(await items().count()).toBeLessThan(80);
  });

  it('j/k walk the tree: the payload follows and the selected row is scrolled into view', async () => {
    await body().evaluate((e) => (e.scrollTop = 0));
    await items().first().click();
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows[0]!.pointer));
    const steps = 40; // well past the rows on screen
    for (let k = 0; k < steps; k++) await page.keyboard.press('j');
    const want = tree.rows[steps]!;
    await eventually(async () => expect(await selectedPointer()).toBe(want.pointer));
    const main = page.getByLabel('Sentry payload');
    await main.locator('.sentry-payload-head').filter({ hasText: want.description }).waitFor();
    expect(await main.locator('.sentry-payload-head .badge').first().textContent()).toBe('span');
    const inView = () =>
      page.evaluate(() => {
        const row = document.querySelector('[role=tree][aria-label^="Sentry trace"] [aria-selected="true"]');
        const box = document
          .querySelector('[role=tree][aria-label^="Sentry trace"]')!
          .getBoundingClientRect();
        const r = row?.getBoundingClientRect();
        return !!r && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      });
    await eventually(async () => expect(await inView()).toBe(true));
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows[steps - 1]!.pointer));
    await main
      .locator('.sentry-payload-head')
      .filter({ hasText: tree.rows[steps - 1]!.description })
      .waitFor();
    // Scrolled away and back by the keys: the row comes into view again.
    await body().evaluate((e) => (e.scrollTop = e.scrollHeight));
    await eventually(async () => expect(await inView()).toBe(false));
    await page.keyboard.press('j');
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows[steps]!.pointer));
    await eventually(async () => expect(await inView()).toBe(true));
    // End and Home: the last and the first row, scrolled into view.
    await page.keyboard.press('End');
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows.at(-1)!.pointer));
    await eventually(async () => expect(await inView()).toBe(true));
    await page.keyboard.press('Home');
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows[0]!.pointer));
    await eventually(async () => expect(await inView()).toBe(true));
  });

  it('← folds a row of hundreds: j skips them, Enter unfolds', async () => {
    const row = tree.rows[1]!;
    expect(row.descendants).toBeGreaterThan(100);
    const after = tree.rows[1 + row.descendants + 1]!;
    await body().evaluate((e) => (e.scrollTop = 0));
    await items().nth(1).click();
    await eventually(async () => expect(await selectedPointer()).toBe(row.pointer));
    await page.keyboard.press('ArrowLeft');
    const folded = body().locator(`[data-pointer="${row.pointer}"]`);
    await eventually(async () => expect(await folded.getAttribute('aria-expanded')).toBe('false'));
    expect(await body().evaluate((e) => e.scrollHeight)).toBeLessThan((BIG_SPANS - row.descendants + 1) * 26);
    await page.keyboard.press('j');
    await eventually(async () => expect(await selectedPointer()).toBe(after.pointer));
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await folded.getAttribute('aria-expanded')).toBe('true'));
    await page.keyboard.press('j');
    await eventually(async () => expect(await selectedPointer()).toBe(tree.rows[2]!.pointer));
  });
});
