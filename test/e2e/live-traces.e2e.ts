// The whole user flow in a real browser against the real inspector: a real OTel SDK sends traces → rows
// appear live → filters narrow them → the trace view shows the tree, attributes and the exception → pause
// holds the view while the waiting count grows → resume → the demo button → clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import {
  eventually,
  launchBrowser,
  otelSdk,
  sendCheckout,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

let inspector: Inspector;
let browser: TestBrowser;
let page: Page;
let shop: ReturnType<typeof otelSdk>;
let inventory: ReturnType<typeof otelSdk>;

const traceRows = (): Locator =>
  page.getByRole('grid', { name: 'Traces' }).locator('[role=row][data-trace-id]');
const rowCount = () => traceRows().count();

beforeAll(async () => {
  inspector = await startTestInspector();
  browser = await launchBrowser();
  page = browser.page;
  shop = otelSdk(inspector.http.port, 'shop');
  inventory = otelSdk(inspector.http.port, 'inventory');
});

afterAll(async () => {
  await shop?.close();
  await inventory?.close();
  await browser?.close();
  await inspector?.close();
});

describe('live traces in the browser', () => {
  it('opens on the teaching empty state and takes the token out of the address bar', async () => {
    await page.goto(uiUrl(inspector));
    await page.getByRole('heading', { name: 'Waiting for spans' }).waitFor();
    expect(page.url()).not.toContain('token=');
    const env = page.locator('.snippet pre').first();
    await eventually(async () => expect(await env.textContent()).toContain(`:${inspector.http.port}`));
    // Copy puts the ready-to-paste settings on the clipboard.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    });
    await page.getByRole('button', { name: 'Copy HTTP environment' }).click();
    await page.getByRole('button', { name: 'Copy HTTP environment' }).filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=http://`);
    expect(copied).toContain(`:${inspector.http.port}`);
    await page.getByRole('tab', { name: 'Python' }).click();
    expect(await page.locator('.snippet pre').nth(2).textContent()).toContain('OTLPSpanExporter');
    await page.getByRole('tab', { name: /OTLP\/gRPC/ }).click();
    await eventually(async () => expect(await env.textContent()).toContain(`:${inspector.grpc.port}`));
    await eventually(async () =>
      expect(await page.getByRole('status', { name: 'Live stream open' }).count()).toBe(1),
    );
  });

  it('shows traces from a real OTel SDK as they arrive, without a reload', async () => {
    sendCheckout(shop.tracer, '/products', false);
    sendCheckout(shop.tracer, '/cart', false);
    await shop.flush();
    await eventually(async () => expect(await rowCount()).toBe(2));
    sendCheckout(shop.tracer, '/checkout', true);
    sendCheckout(inventory.tracer, '/stock', false);
    await shop.flush();
    await inventory.flush();
    await eventually(async () => expect(await rowCount()).toBe(4));
    const checkout = traceRows().filter({ hasText: 'GET /checkout' });
    expect(await checkout.getByRole('gridcell').nth(6).textContent()).toBe('3'); // span count (select, pin, start, name, services, HTTP, spans)
    expect(await checkout.locator('.badge-error').textContent()).toBe('2'); // root + charge card
  });

  it('updates a row in place when its root arrives after a child', async () => {
    const root = shop.tracer.startSpan('GET /late-root', { kind: SpanKind.SERVER });
    const child = shop.tracer.startSpan('load profile', {}, trace.setSpan(ROOT_CONTEXT, root));
    child.end();
    await shop.flush();
    const row = page.locator(`[role=row][data-trace-id="${root.spanContext().traceId}"]`);
    await eventually(async () => expect(await row.textContent()).toContain('no root'));
    expect(await row.textContent()).toContain('load profile');
    root.end();
    await shop.flush();
    await eventually(async () => expect(await row.textContent()).toContain('GET /late-root'));
    expect(await row.textContent()).not.toContain('no root');
    expect(await row.getByRole('gridcell').nth(6).textContent()).toBe('2');
    expect(await rowCount()).toBe(5);
    // Out of the way for the counts below.
    await page.getByRole('button', { name: 'Clear all traces' }).click();
    await page.getByRole('heading', { name: 'Waiting for spans' }).waitFor();
    sendCheckout(shop.tracer, '/products', false);
    sendCheckout(shop.tracer, '/cart', false);
    sendCheckout(shop.tracer, '/checkout', true);
    sendCheckout(inventory.tracer, '/stock', false);
    await shop.flush();
    await inventory.flush();
    await eventually(async () => expect(await rowCount()).toBe(4));
  });

  it('narrows the list with the text, service, errors-only and duration filters', async () => {
    const text = page.getByRole('searchbox', { name: 'Filter traces' });
    await text.fill('checkout');
    await eventually(async () => expect(await rowCount()).toBe(1));
    await text.fill('');
    await eventually(async () => expect(await rowCount()).toBe(4));

    await page.getByRole('combobox', { name: 'Service' }).selectOption('inventory');
    await eventually(async () => expect(await rowCount()).toBe(1));
    await page.getByRole('combobox', { name: 'Service' }).selectOption('');

    await page.getByRole('checkbox', { name: 'Errors only' }).check();
    await eventually(async () => expect(await rowCount()).toBe(1));
    expect(await traceRows().first().textContent()).toContain('GET /checkout');
    await page.getByRole('checkbox', { name: 'Errors only' }).uncheck();

    // The default is live order (newest received first).
    // The core sorts, so the sorted rows arrive with the next answer: wait for them.
    await page.getByRole('button', { name: 'Sort by Spans' }).click();
    await eventually(async () => expect(await traceRows().first().textContent()).toContain('GET /checkout'));
    expect(await page.getByRole('columnheader', { name: /Spans/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.getByRole('button', { name: 'Back to live order' }).click();
    await eventually(async () => expect(await traceRows().first().textContent()).toContain('GET /stock'));

    await page.getByRole('textbox', { name: 'Minimum duration' }).fill('1h');
    await eventually(async () => expect(await rowCount()).toBe(0));
    await page.getByRole('textbox', { name: 'Minimum duration' }).fill('');
    await eventually(async () => expect(await rowCount()).toBe(4));
  });

  it('opens a trace: the waterfall shows the tree and the detail shows attributes and the exception', async () => {
    await traceRows().filter({ hasText: 'GET /checkout' }).click();
    const tree = page.getByRole('tree', { name: 'Waterfall' });
    await tree.getByRole('treeitem', { name: 'GET /checkout, error' }).waitFor();
    expect(await tree.getByRole('treeitem').count()).toBe(3);
    expect(await tree.getByRole('treeitem', { name: 'SELECT orders' }).getAttribute('aria-level')).toBe('2');

    // `e` jumps to the next error after the selected root: the failing payment span.
    await page.keyboard.press('e');
    const detail = page.getByRole('complementary', { name: 'Span detail' });
    await eventually(async () => expect(await detail.getByRole('heading').textContent()).toBe('charge card'));
    const attrs = detail.getByRole('table', { name: 'Attributes' });
    expect(await attrs.getByRole('row', { name: /payment\.provider/ }).textContent()).toContain('stripe');
    const ex = detail.getByRole('group', { name: 'Exception PaymentError' });
    expect(await ex.textContent()).toContain('card declined: insufficient funds');
    const frames = ex.getByRole('list', { name: 'Stack trace' });
    expect(await frames.textContent()).toContain(
      'chargeCard/srv/shop/src/payments.ts:42:11'.replace('chargeCard', 'chargeCard '),
    );
    // The express frame is a library frame: hidden until asked for.
    expect(await frames.textContent()).not.toContain('Layer.handle');
    await ex.getByRole('button', { name: /Show 1 library frame/ }).click();
    expect(await frames.textContent()).toContain('Layer.handle');

    // Collapse the root from the keyboard: only the root remains.
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => expect(await tree.getByRole('treeitem').count()).toBe(1));
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Traces' }).waitFor();
  });

  it('pause holds the view while the count of waiting traces grows; resume shows them', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    const waiting = page.getByRole('status', { name: 'Waiting traces' });
    sendCheckout(shop.tracer, '/paused-1', false);
    await shop.flush();
    await eventually(async () => expect(await waiting.textContent()).toBe('1 new trace waiting'));
    sendCheckout(shop.tracer, '/paused-2', true);
    await shop.flush();
    await eventually(async () => expect(await waiting.textContent()).toBe('2 new traces waiting'));
    expect(await rowCount()).toBe(4);
    await page.getByRole('button', { name: 'Resume' }).click();
    await eventually(async () => expect(await rowCount()).toBe(6));
    expect(await traceRows().first().textContent()).toContain('GET /paused-2');
  });

  it('navigates the list with the keyboard: / filters, j/k move, Enter opens, Esc goes back', async () => {
    await page.keyboard.press('/');
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Filter traces',
      ),
    );
    await page.keyboard.press('Escape');
    // The cursor stayed on the checkout trace opened earlier (it follows the trace as rows arrive above it).
    const active = page.getByRole('grid', { name: 'Traces' }).locator('[aria-selected=true]');
    expect(await active.textContent()).toContain('GET /checkout');
    // End and Home: the last loaded row and the first.
    const rows = page.getByRole('grid', { name: 'Traces' }).locator('.grid-row[data-trace-id]');
    await page.keyboard.press('End');
    await eventually(async () =>
      expect(await active.getAttribute('data-trace-id')).toBe(
        await rows.last().getAttribute('data-trace-id'),
      ),
    );
    await page.keyboard.press('Home');
    await eventually(async () =>
      expect(await active.getAttribute('data-trace-id')).toBe(
        await rows.first().getAttribute('data-trace-id'),
      ),
    );
    for (let i = 0; i < 20 && !(await active.textContent())?.includes('GET /checkout'); i++)
      await page.keyboard.press('j');
    expect(await active.textContent()).toContain('GET /checkout');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    expect(await active.textContent()).toContain('GET /paused-1');
    await page.keyboard.press('Enter');
    await page
      .getByRole('tree', { name: 'Waterfall' })
      .getByRole('treeitem', { name: 'GET /paused-1' })
      .waitFor();
    // In the waterfall too: End selects the last visible span, Home the root.
    const selectedSpan = page.getByRole('tree', { name: 'Waterfall' }).locator('[aria-selected=true]');
    const spans = page.getByRole('tree', { name: 'Waterfall' }).getByRole('treeitem');
    await page.keyboard.press('End');
    await eventually(async () =>
      expect(await selectedSpan.getAttribute('data-span-id')).toBe(
        await spans.last().getAttribute('data-span-id'),
      ),
    );
    await page.keyboard.press('Home');
    await eventually(async () => expect(await selectedSpan.getAttribute('aria-label')).toBe('GET /paused-1'));
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Traces' }).waitFor();
  });

  it('lists single spans in the span table', async () => {
    await page.getByRole('tab', { name: /Spans/ }).click();
    const spans = page.getByRole('grid', { name: 'Spans' }).locator('[role=row][data-span-id]');
    await eventually(async () => expect(await spans.count()).toBe(14));
    await page.getByRole('checkbox', { name: 'Errors only' }).check();
    await eventually(async () => expect(await spans.count()).toBe(4));
    await page.getByRole('checkbox', { name: 'Errors only' }).uncheck();
    await page.getByRole('tab', { name: /Traces/ }).click();
  });

  it('clear empties the list and the counters say so; the demo button sends a trace through the receiver', async () => {
    await page.getByRole('button', { name: 'Clear all traces' }).click();
    await page.getByRole('heading', { name: 'Waiting for spans' }).waitFor();
    await eventually(async () => expect(await page.getByLabel('Traces stored: 0').count()).toBe(1));
    expect(inspector.store.counters().traces).toBe(0);

    await page.getByRole('button', { name: 'Send a demo trace' }).click();
    await eventually(async () => expect(await rowCount()).toBe(1));
    await eventually(async () => expect(await page.getByLabel('Traces stored: 1').count()).toBe(1));
    await traceRows().first().click();
    const tree = page.getByRole('tree', { name: 'Waterfall' });
    await eventually(async () => expect(await tree.getByRole('treeitem').count()).toBeGreaterThan(1));
    expect(await page.getByRole('complementary', { name: 'Span detail' }).textContent()).toBeTruthy();
  });
});
