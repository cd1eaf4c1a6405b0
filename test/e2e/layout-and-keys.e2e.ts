// The layout fits 1024×640 and up (the trace header stays on one line with its actions on screen, the
// status bar is visible), the header's two timestamps are labelled, `?` opens the keyboard help, and Esc
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
});

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
    await page.screenshot({ path: `${OUT}/trace-view-${width}x${height}.png` });
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
});
