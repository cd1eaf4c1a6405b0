// The app icon in the browser: the page declares build/icon.png as its favicon, the server serves it (also
// at /favicon.ico, which browsers ask for by convention), and loading the UI logs no console error (the
// setup file fails any test whose page logs one, e.g. the favicon 404 this replaces).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  startTestInspector,
  takeConsoleErrors,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

const APP_ICON = readFileSync(resolve(import.meta.dirname, '../../build/icon.png'));

let inspector: Inspector;
let browser: TestBrowser;

beforeAll(async () => {
  inspector = await startTestInspector();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await inspector?.close();
});

describe('app icon', () => {
  it('is the favicon the page declares, byte for byte the packaging icon', async () => {
    const { page } = browser;
    await page.goto(uiUrl(inspector));
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    const href = await page.locator('link[rel="icon"]').evaluate((l) => (l as HTMLLinkElement).href);
    for (const url of [href, new URL('/favicon.ico', href).href]) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
      expect(Buffer.from(await res.body()).equals(APP_ICON)).toBe(true);
    }
  });
});

describe('the console-error guard every browser test runs under', () => {
  it('records console errors and uncaught page errors, except the patterns a test allows', async () => {
    const { page } = browser;
    await page.goto(uiUrl(inspector));
    browser.allowConsoleErrors(/expected by this test/);
    await page.evaluate(() => {
      console.error('expected by this test');
      console.error('boom from the page');
      console.warn('a warning is not an error');
      setTimeout(() => {
        throw new Error('uncaught in the page');
      });
    });
    const seen: string[] = [];
    await expect
      .poll(
        () => {
          seen.push(...takeConsoleErrors());
          return [...seen];
        },
        { timeout: 5000 },
      )
      .toEqual(['console.error: boom from the page', 'uncaught: uncaught in the page']);
  });
});
