// What the user sees when things go wrong or get big: the store evicting, rejected spans by reason, the
// API going away and coming back, rows arriving above a scrolled list, and a 5 000-span trace.
import { afterEach, describe, expect, it } from 'vitest';
import {
  bigTraceBody,
  eventually,
  launchBrowser,
  otelSdk,
  postOtlpJson,
  sendCheckout,
  sendRejectedSpan,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.close();
});

async function setup(limits?: Parameters<typeof startTestInspector>[0]) {
  const inspector: Inspector = await startTestInspector(limits);
  started.push(inspector);
  const browser: TestBrowser = await launchBrowser();
  started.push(browser);
  await browser.page.goto(uiUrl(inspector));
  await browser.page.getByRole('status', { name: 'Live stream open' }).waitFor();
  return { inspector, page: browser.page, browser };
}

describe('status and resilience', () => {
  it('shows a banner when the store evicts, the evicted count, and rejected spans by reason on hover', async () => {
    const { inspector, page } = await setup({ maxSpans: 20 });
    const sdk = otelSdk(inspector.http.port, 'shop');
    started.push({ close: () => sdk.close() });
    for (let i = 0; i < 12; i++) sendCheckout(sdk.tracer, `/page/${i}`, i % 2 === 0);
    await sdk.flush();
    await sendRejectedSpan(inspector.http.port);
    await page.getByRole('alert', { name: 'Evicting' }).waitFor();
    expect(await page.getByRole('alert', { name: 'Evicting' }).textContent()).toContain('oldest unpinned');
    await eventually(async () => {
      const label = await page.getByLabel(/^Spans evicted: /).getAttribute('aria-label');
      expect(Number(label!.split(': ')[1])).toBeGreaterThan(0);
    });
    await page.getByLabel('Rejected spans: 1').hover();
    const tip = page.getByRole('tooltip');
    await tip.filter({ hasText: 'invalid trace id' }).waitFor();
    expect(await tip.textContent()).toContain('Rejected spans by reason');
    // The list never holds evicted traces.
    const rows = page.getByRole('grid', { name: 'Traces' }).locator('[role=row][data-trace-id]');
    await eventually(async () => expect(await rows.count()).toBe(inspector.store.counters().traces));
  });

  it('keeps the last copy of an open trace that gets evicted, and says so', async () => {
    const { inspector, page } = await setup({ maxSpans: 20 });
    const sdk = otelSdk(inspector.http.port, 'shop');
    started.push({ close: () => sdk.close() });
    sendCheckout(sdk.tracer, '/first', true);
    await sdk.flush();
    await page.getByRole('grid', { name: 'Traces' }).getByText('GET /first').click();
    const tree = page.getByRole('tree', { name: 'Waterfall' });
    await tree.getByRole('treeitem', { name: 'GET /first, error' }).waitFor();
    for (let i = 0; i < 12; i++) sendCheckout(sdk.tracer, `/later/${i}`, false);
    await sdk.flush();
    await page.getByRole('alert', { name: 'Trace evicted' }).waitFor();
    expect(await tree.getByRole('treeitem').count()).toBe(3);
  });

  it('says "disconnected" when the inspector goes away and recovers when it comes back', async () => {
    const { inspector, page, browser } = await setup();
    // While the server is down, Chromium logs each request to it that fails at the network level (API
    // calls, the stream, a favicon fetch in flight); nothing else may be logged, HTTP errors included.
    browser.allowConsoleErrors(
      /^console\.error: Failed to load resource: net::ERR_[A-Z_]+ \(http:\/\/127\.0\.0\.1:\d+\//,
    );
    const port = inspector.api.port;
    const token = inspector.token;
    await inspector.close();
    await page.getByRole('alert', { name: 'Disconnected' }).waitFor();
    await page.getByRole('status', { name: /Live stream (disconnected|connecting)/ }).waitFor();
    const again = await startTestInspector(undefined, { uiPort: port, token });
    started.push(again);
    await page.getByRole('status', { name: 'Live stream open' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert', { name: 'Disconnected' }).count()).toBe(0);
    // The list reloads after the reconnect: traces sent to the new instance show up.
    const sdk = otelSdk(again.http.port, 'after-restart');
    started.push({ close: () => sdk.close() });
    sendCheckout(sdk.tracer, '/back', false);
    await sdk.flush();
    await page.getByRole('grid', { name: 'Traces' }).getByText('GET /back').waitFor();
  });

  it('keeps a scrolled list still while new traces arrive above', async () => {
    const { inspector, page } = await setup();
    const sdk = otelSdk(inspector.http.port, 'shop');
    started.push({ close: () => sdk.close() });
    for (let i = 0; i < 60; i++) sendCheckout(sdk.tracer, `/item/${i}`, false);
    await sdk.flush();
    const body = page.locator('[aria-label="Traces"] .grid-body');
    const rows = page.getByRole('grid', { name: 'Traces' }).locator('[role=row][data-trace-id]');
    await eventually(async () => expect(inspector.store.counters().traces).toBe(60));
    await eventually(async () => expect(await page.getByText('60 of 60 loaded').count()).toBe(1));
    await body.evaluate((el) => (el.scrollTop = 10 * 32));
    const topRow = () =>
      page.evaluate(() => {
        const el = document.querySelector('[aria-label="Traces"] .grid-body')!;
        const r = el.getBoundingClientRect();
        return document
          .elementFromPoint(r.left + 200, r.top + 5)
          ?.closest('[data-trace-id]')
          ?.getAttribute('data-trace-id');
      });
    const before = await topRow();
    expect(before).toBeTruthy();
    for (let i = 0; i < 5; i++) sendCheckout(sdk.tracer, `/new/${i}`, false);
    await sdk.flush();
    await eventually(async () => expect(await page.getByText('65 of 65 loaded').count()).toBe(1));
    expect(await topRow()).toBe(before);
    expect(await rows.count()).toBeLessThan(65); // virtualised: only the rows around the view are in the DOM
  });

  it('opens a 5 000-span trace collapsed, virtualised, and expands it without freezing', async () => {
    const { inspector, page } = await setup();
    const traceId = 'b'.repeat(32);
    await postOtlpJson(inspector.http.port, bigTraceBody(5000, 8, traceId));
    await page.getByRole('grid', { name: 'Traces' }).getByText('GET /reports/yearly').click();
    const tree = page.getByRole('tree', { name: 'Waterfall' });
    await tree.getByRole('treeitem').first().waitFor();
    await page.getByText('Large trace: opened collapsed below the first level.').waitFor();
    // Root + its 8 children, the children collapsed.
    expect(await tree.getByRole('treeitem').count()).toBe(9);
    const took = await page.evaluate(async () => {
      const t0 = performance.now();
      (document.querySelector('[aria-label="Expand all"]') as HTMLButtonElement).click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    const items = await tree.getByRole('treeitem').count();
    expect(items).toBeGreaterThan(20);
    expect(items).toBeLessThan(100); // 5 000 rows, only the visible ones in the DOM
    // Next error reveals and selects a failing span deep in the tree.
    await page.keyboard.press('e');
    const detail = page.getByRole('complementary', { name: 'Span detail' });
    await eventually(async () =>
      expect(await detail.getByRole('heading').textContent()).toMatch(/^step \d999$/),
    );
    expect(await detail.textContent()).toContain('ERROR');
    console.log(`5 000-span trace: expand all → painted in ${Math.round(took)} ms`);
  });
});
