// Screenshots of the main screens at 1280×800 into docs/screenshots/ (refreshed by `npm run screenshots`).
// Each one is taken after waiting for what it shows, so the pictures are of a settled UI.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  otelSdk,
  sendBrowseTrace,
  sendRejectedSpan,
  sendShopTrace,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
let inspector: Inspector;
let light: TestBrowser;
let dark: TestBrowser;
const services = ['web', 'gateway', 'checkout', 'payments', 'inventory', 'catalog'] as const;
let sdks: Record<(typeof services)[number], ReturnType<typeof otelSdk>>;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  inspector = await startTestInspector();
  sdks = Object.fromEntries(services.map((s) => [s, otelSdk(inspector.http.port, s)])) as typeof sdks;
  light = await launchBrowser({ colorScheme: 'light' });
  dark = await launchBrowser({ colorScheme: 'dark' });
});

afterAll(async () => {
  for (const s of Object.values(sdks ?? {})) await s.close();
  await light?.close();
  await dark?.close();
  await inspector?.close();
});

async function flushAll() {
  for (const s of Object.values(sdks)) await s.flush();
}

const tracers = () =>
  Object.fromEntries(Object.entries(sdks).map(([k, v]) => [k, v.tracer])) as Record<
    (typeof services)[number],
    import('@opentelemetry/api').Tracer
  >;

describe('screenshots', () => {
  it('empty state', async () => {
    const page = light.page;
    await page.goto(uiUrl(inspector));
    await page.getByRole('heading', { name: 'Waiting for spans' }).waitFor();
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    await page.locator('.snippet pre').first().filter({ hasText: 'OTEL_EXPORTER_OTLP' }).waitFor();
    await page.screenshot({ path: `${OUT}/empty-state.png` });
  });

  it('live trace list', async () => {
    const page = light.page;
    const browse = ['/products/42', '/search?q=lamp', '/products/7', '/'];
    const now = Date.now();
    let spans = 0;
    for (let i = 0; i < 24; i++) {
      const at = now - 30_000 + i * 1000;
      const slow = 0.6 + ((i * 37) % 10) / 6;
      if (i % 3 === 1) {
        sendBrowseTrace(tracers(), { route: browse[i % browse.length]!, slow, at });
        spans += 5;
      } else {
        sendShopTrace(tracers(), {
          route: i % 2 ? '/checkout' : '/cart/checkout',
          fail: i % 7 === 3,
          slow,
          at,
        });
        spans += 11;
      }
    }
    await flushAll();
    await sendRejectedSpan(inspector.http.port);
    await expectEventually(async () => inspector.store.counters().stored === spans);
    const rows = page.getByRole('grid', { name: 'Traces' }).locator('[role=row][data-trace-id]');
    await expectEventually(async () => (await rows.count()) >= 20);
    await expectEventually(async () => (await page.getByLabel(`Spans stored: ${spans}`).count()) === 1);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.screenshot({ path: `${OUT}/live-traces.png` });
  });

  it('trace view with the span detail on the exception', async () => {
    const page = light.page;
    await page.getByRole('grid', { name: 'Traces' }).locator('[role=row].row-error').first().click();
    await page.getByRole('tree', { name: 'Waterfall' }).getByRole('treeitem').first().waitFor();
    await page.keyboard.press('e');
    await page.keyboard.press('e');
    await page.getByRole('group', { name: 'Exception CardDeclinedError' }).waitFor();
    await page.screenshot({ path: `${OUT}/trace-view.png` });
  });

  it('status bar tooltip with rejected spans by reason', async () => {
    const page = light.page;
    await page.keyboard.press('Escape');
    await page.getByLabel(/^Rejected spans: [1-9]/).hover();
    await page.getByRole('tooltip').filter({ hasText: 'invalid trace id' }).waitFor();
    await page.screenshot({ path: `${OUT}/status-bar-rejected.png` });
  });

  it('dark mode trace view', async () => {
    const page = dark.page;
    await page.goto(uiUrl(inspector));
    await page.getByRole('grid', { name: 'Traces' }).locator('[role=row].row-error').first().click();
    await page.getByRole('tree', { name: 'Waterfall' }).getByRole('treeitem').first().waitFor();
    await page.keyboard.press('e');
    await page.keyboard.press('e');
    await page.getByRole('group', { name: 'Exception CardDeclinedError' }).waitFor();
    await page.screenshot({ path: `${OUT}/trace-view-dark.png` });
  });

  it('Sentry preview of a failed checkout', async () => {
    const page = light.page;
    const traceId = sendShopTrace(tracers(), { route: '/checkout', fail: true, at: Date.now() - 5000 });
    await flushAll();
    await page.goto(uiUrl(inspector));
    await page.locator(`[role=row][data-trace-id="${traceId}"]`).click();
    await page.getByRole('tab', { name: /Sentry/ }).click();
    await page.getByRole('listbox', { name: 'Sentry error events' }).getByRole('option').first().waitFor();
    await page.locator('[data-pointer="/transactions/0/transaction"] .prov').waitFor();
    await page.screenshot({ path: `${OUT}/sentry-preview.png` });
  });

  it('span table (dark)', async () => {
    const page = dark.page;
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Spans/ }).click();
    const rows = page.getByRole('grid', { name: 'Spans' }).locator('[role=row][data-span-id]');
    await expectEventually(async () => (await rows.count()) > 20);
    await page.screenshot({ path: `${OUT}/span-table-dark.png` });
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) expect.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
