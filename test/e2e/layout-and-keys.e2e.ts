// The layout fits 1024×640 and up (the trace header stays on one line with its actions on screen, the
// status bar is visible with nothing cut at its right end, even with a long forwarding indicator), the header's two timestamps are labelled, `?` opens the keyboard help, and Esc
// in the filter leaves it keeping the text while a second Esc clears it. Screenshots at both sizes go to
// docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Tracer } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  otelSdk,
  sendShopTrace,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const services = ['web', 'gateway', 'checkout', 'payments', 'inventory'] as const;
let inspector: Inspector;
let sdks: Record<(typeof services)[number], ReturnType<typeof otelSdk>>;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  inspector = await startTestInspector();
  sdks = Object.fromEntries(services.map((s) => [s, otelSdk(inspector.http.port, s)])) as typeof sdks;
  const tracers = Object.fromEntries(Object.entries(sdks).map(([k, v]) => [k, v.tracer])) as Record<
    (typeof services)[number],
    Tracer
  >;
  // A long route name, so the header has to cut it rather than wrap.
  sendShopTrace(tracers, {
    route: '/api/v2/customers/:customerId/orders/:orderId/checkout/confirm',
    fail: true,
  });
  sendShopTrace(tracers, { route: '/cart', fail: false });
  for (const s of Object.values(sdks)) await s.flush();
  // A forwarding target nobody listens on, and a send to it: the status bar's forwarding indicator then
  // carries its longest everyday text (auto, targets, queue, the last error) next to the receivers and
  // counters.
  await api('PUT', '/forwarding/targets/dev', {
    kind: 'sentry-envelope',
    name: 'dev',
    dsn: 'http://public@127.0.0.1:1/1',
  });
  // Automatic forwarding on: the trace list then shows both forwarding columns (Sampling, Forwarded).
  await api('PUT', '/forwarding/sampling', {
    enabled: true,
    keepErrors: true,
    latencyThresholdMs: null,
    include: [],
    exclude: [],
    percentage: 100,
  });
  const { traces } = await api<{ traces: { traceId: string }[] }>('GET', '/traces');
  await api('POST', '/forward', { traceIds: traces.map((t) => t.traceId) });
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${inspector.api.port}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${inspector.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok, `${method} ${path} → ${res.status}: ${await res.clone().text()}`).toBe(true);
  return (await res.json()) as T;
}

afterAll(async () => {
  for (const s of Object.values(sdks ?? {})) await s.close();
  await inspector?.close();
});

describe.each([
  [1024, 640],
  [1280, 800],
])('at %i×%i', (width, height) => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = await launchBrowser({ width, height });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the trace header stays on one line, its actions and the status bar on screen; timestamps labelled', async () => {
    const { page } = browser;
    await page.goto(uiUrl(inspector));
    await page.getByRole('grid', { name: 'Traces' }).getByText('/checkout/confirm').first().click();
    const head = page.locator('.trace-head');
    await page.getByRole('treeitem').first().waitFor();
    const pin = page.getByRole('button', { name: 'Pin trace' });
    const back = page.getByRole('button', { name: 'Back to traces' });
    const [pinBox, backBox, headBox] = [
      await pin.boundingBox(),
      await back.boundingBox(),
      await head.boundingBox(),
    ];
    // Same row, fully inside the window.
    expect(Math.abs(pinBox!.y + pinBox!.height / 2 - (backBox!.y + backBox!.height / 2))).toBeLessThan(4);
    expect(pinBox!.x + pinBox!.width).toBeLessThanOrEqual(width);
    // Title + one line of facts: nothing wrapped under it.
    expect(headBox!.height).toBeLessThan(70);
    const facts = page.locator('.trace-facts');
    expect(await facts.textContent()).toMatch(
      /started \d\d:\d\d:\d\d\.\d{3}.*received \d\d:\d\d:\d\d\.\d{3}/,
    );
    // Both labelled times are actually on screen, not cut off by the header's one line.
    const factsBox = (await facts.boundingBox())!;
    for (const label of ['started', 'received']) {
      const box = (await facts.locator('span', { hasText: label }).first().boundingBox())!;
      expect(box.x + box.width, label).toBeLessThanOrEqual(factsBox.x + factsBox.width + 1);
    }
    const status = await page.locator('.statusbar, [role="contentinfo"]').first().boundingBox();
    expect(status!.y + status!.height).toBeLessThanOrEqual(height);
    // Every part of the status bar is inside the window, and the counters show their whole text; only
    // the forwarding indicator may shorten its text (its full text is in its tooltip).
    await expect.poll(() => page.getByTestId('forwarding-indicator').textContent()).toMatch(/error/);
    const parts = await page.locator('.statusbar > *').evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent ?? '',
        right: el.getBoundingClientRect().right,
        cut: el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('fwd-indicator'),
        shown: el.getBoundingClientRect().width,
      })),
    );
    expect(parts.map((p) => p.text).join(' | ')).toMatch(/evicted/);
    for (const p of parts) {
      expect(p.right, `"${p.text}" ends inside the window`).toBeLessThanOrEqual(width);
      expect(p.cut, `"${p.text}" is not cut`).toBe(false);
    }
    const indicator = parts.find((p) => /target/.test(p.text))!;
    expect(indicator.shown, 'the forwarding indicator keeps a readable width').toBeGreaterThan(80);
    await page.screenshot({ path: `${OUT}/trace-view-${width}x${height}.png` });
  });

  it('the span-name column is resized by dragging or arrow keys, remembered after a reload, reset by a double click', async () => {
    const { page } = browser;
    const sep = page.getByRole('separator', { name: 'Span name column width' });
    const edge = async () => Number(await sep.getAttribute('aria-valuenow'));
    const rootRow = page.getByRole('treeitem').first();
    const labelWidth = async () => (await rootRow.locator('.wf-label').boundingBox())!.width;
    // The long root name is cut at the default width.
    expect(await rootRow.locator('.wf-label').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const initial = await edge();
    const initialLabel = await labelWidth();

    const box = (await sep.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(edge).toBe(initial + 120);
    // The rows follow the header, and the name gets the room.
    const head = (await page.locator('.wf-axis .wf-name').boundingBox())!.width;
    const row = (await rootRow.locator('.wf-name').boundingBox())!.width;
    expect(Math.abs(head - row)).toBeLessThan(1);
    expect(await labelWidth()).toBeGreaterThan(initialLabel + 100);

    // Keys move the edge and nothing else: the arrows do not collapse the selected span here.
    await sep.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(edge).toBe(initial + 120 - 16);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(edge).toBe(initial + 120 - 16 + 64);
    expect(await rootRow.getAttribute('aria-expanded')).toBe('true');
    const chosen = await edge();

    // A reload keeps it.
    await page.reload();
    await page.getByRole('grid', { name: 'Traces' }).getByText('/checkout/confirm').first().click();
    await page.getByRole('treeitem').first().waitFor();
    await expect.poll(edge).toBe(chosen);

    // Dragging past either end stops at the limits: the track keeps room beside the names.
    const wf = (await page.locator('.waterfall').boundingBox())!;
    const at = (await sep.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(wf.x + wf.width + 200, at.y + at.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(edge).toBe(Math.floor(Number(await sep.getAttribute('aria-valuemax'))));
    expect(await edge()).toBeLessThanOrEqual(wf.width - 160);
    // The narrower time track labels fewer ticks, and none of them touch.
    const ticks = await page
      .locator('.wf-axis .wf-tick')
      .evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
      );
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.left).toBeGreaterThan(ticks[i - 1]!.right);
    await page.screenshot({ path: `${OUT}/trace-view-wide-names-${width}x${height}.png` });

    // A double click goes back to the default.
    await sep.dblclick();
    await expect.poll(edge).toBe(initial);
  });

  it('? opens the keyboard help; Esc closes it and leaves the trace open', async () => {
    const { page } = browser;
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toMatch(/Go to the filter.*leave it, keeping the text/);
    const box = await help.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(height);
    await page.screenshot({ path: `${OUT}/keyboard-help-${width}x${height}.png` });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: 'Trace' }).count()).toBe(1);
  });

  it('Esc in the filter leaves it and keeps the text; a second Esc clears it', async () => {
    const { page } = browser;
    await page.keyboard.press('Escape'); // back to the list
    await page.keyboard.press('/');
    const input = page.getByRole('searchbox', { name: 'Filter traces' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('confirm');
    const cart = page.getByRole('grid', { name: 'Traces' }).getByText('GET /cart', { exact: true });
    await expect.poll(() => cart.count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(false);
    expect(await input.inputValue()).toBe('confirm');
    // Still filtered after a moment (nothing cleared it behind the scenes).
    await page.waitForTimeout(400);
    expect(await cart.count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => input.inputValue()).toBe('');
    await expect.poll(() => cart.count()).toBe(1);
  });
  it('the trace list shows every column, the forwarding ones included, without cutting a header', async () => {
    const { page } = browser;
    const grid = page.getByRole('grid', { name: 'Traces' });
    await grid.getByRole('columnheader', { name: 'Forwarded' }).waitFor();
    const heads = await grid.getByRole('columnheader').evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent ?? '',
        right: el.getBoundingClientRect().right,
        // The cell, or the sort button inside it, narrower than its label.
        cut: [el, ...el.querySelectorAll('button')].some((e) => e.scrollWidth > e.clientWidth + 1),
      })),
    );
    expect(heads.map((h) => h.text)).toEqual(
      expect.arrayContaining(['Root span', 'HTTP', 'Sentry', 'Sampling', 'Forwarded']),
    );
    for (const h of heads) {
      expect(h.right, `column "${h.text}" ends inside the window`).toBeLessThanOrEqual(width);
      expect(h.cut, `header "${h.text}" is not cut`).toBe(false);
    }
    // A row's service chips are on screen whole: the root's chip keeps its name, the rest are counted.
    const chips = await grid
      .locator('.grid-row[data-trace-id] .chips')
      .first()
      .evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.children]
          .filter((c) => getComputedStyle(c).display !== 'none')
          .map((c) => {
            const r = c.getBoundingClientRect();
            const text = c.querySelector('.chip-text');
            return {
              text: c.textContent,
              inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
              named: !text || text.scrollWidth <= text.clientWidth,
            };
          });
      });
    // Five services: web first (the root), then either two more and "+2", or "+4" when narrow.
    expect(chips[0]).toMatchObject({ text: 'web', named: true });
    expect(chips.at(-1)!.text).toBe(chips.length === 2 ? '+4' : '+2');
    for (const c of chips) expect(c.inside, `chip "${c.text}" is inside its cell`).toBe(true);
    // The root span's name keeps a readable width.
    const name = (await grid.getByRole('columnheader', { name: 'Root span' }).boundingBox())!;
    expect(name.width).toBeGreaterThanOrEqual(150);
    await page.screenshot({ path: `${OUT}/trace-list-forwarding-${width}x${height}.png` });
  });
});
