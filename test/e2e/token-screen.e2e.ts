// A page opened without a valid token explains, on one screen, where the link is, and stops there (no
// retrying in the background); the same screen appears when the inspector comes back with another token.
// The empty state says why a first trace can take seconds (the SDK's batch delay) and how to shorten it.
import { resolve } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, startTestInspector, uiUrl, type Inspector, type TestBrowser } from './support.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
let browser: TestBrowser;
const started: Inspector[] = [];
beforeAll(async () => {
  browser = await launchBrowser({ width: 1024, height: 640 });
});
afterEach(async () => {
  for (const i of started.splice(0)) await i.close();
});
afterAll(async () => {
  await browser?.close();
});

async function inspector(opts: { uiPort?: number; token?: string } = {}): Promise<Inspector> {
  const i = await startTestInspector(undefined, opts);
  started.push(i);
  return i;
}

/** A fresh tab (its own sessionStorage) that counts the API requests it makes. */
async function tab() {
  const page = await browser.context.newPage();
  const api: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) api.push(path);
  });
  return { page, api };
}

// Chromium logs every 401 answer as a console error; here the 401s are the point of the test.
const REFUSED = /^console\.error: Failed to load resource: the server responded with a status of 401/;

describe('empty state', () => {
  it('explains the SDK batch delay and gives OTEL_BSP_SCHEDULE_DELAY', async () => {
    const ins = await inspector();
    const { page } = await tab();
    await page.goto(uiUrl(ins));
    const note = page.getByLabel('Batch delay', { exact: true });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/every 5 seconds.*OTEL_BSP_SCHEDULE_DELAY=500/);
    // At 1024×640 the note is on screen without scrolling.
    await page.screenshot({ path: `${OUT}/empty-state-1024x640.png` });
    const box = (await note.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await page.close();
  });
});

// Last: the allowances for 401s and refused connections below hold for the rest of this browser's life.
describe('token screen', () => {
  it('no token: one screen saying where the link is, one API check and no retrying', async () => {
    const ins = await inspector();
    const { page, api } = await tab();
    await page.goto(`http://127.0.0.1:${ins.api.port}/`);
    const screen = page.getByRole('main', { name: 'Open the inspector from its link' });
    await screen.waitFor();
    await expect.poll(() => screen.textContent()).toContain('opened without the token');
    expect(await screen.textContent()).toContain(`UI http://127.0.0.1:${ins.api.port}/?token=…`);
    expect(await screen.textContent()).toContain('~/.config/otel-sentry-inspector/token');
    const box = (await screen.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    await page.screenshot({ path: `${OUT}/token-screen-1024x640.png` });
    // Nothing in the background: the old page retried the stream every 0.5-5 s.
    await page.waitForTimeout(1500);
    expect(api).toEqual([]);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('a wrong token: says the link is from another run; pasting the right token opens the app', async () => {
    browser.allowConsoleErrors(REFUSED);
    const ins = await inspector();
    const { page, api } = await tab();
    await page.goto(`http://127.0.0.1:${ins.api.port}/?token=not-the-token`);
    const screen = page.getByRole('main', { name: 'Open the inspector from its link' });
    await screen.waitFor();
    expect(await screen.textContent()).toContain('does not accept the token');
    await page.waitForTimeout(1500);
    expect(api).toEqual(['/api/v1/receivers']);
    await page.getByLabel('Token').fill(ins.token);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.close();
  });

  it('the inspector restarted with another token: the open tab shows the screen and stops retrying', async () => {
    browser.allowConsoleErrors(REFUSED);
    browser.allowConsoleErrors(
      /^console\.error: Failed to load resource: net::ERR_[A-Z_]+ \(http:\/\/127\.0\.0\.1:\d+\//,
    );
    const first = await inspector({ token: 'first-token-1' });
    const { page, api } = await tab();
    await page.goto(uiUrl(first));
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    const port = first.api.port;
    await first.close();
    started.splice(started.indexOf(first), 1);
    await inspector({ uiPort: port, token: 'second-token-2' });
    await page.getByRole('main', { name: 'Open the inspector from its link' }).waitFor({ timeout: 20_000 });
    const after = api.length;
    await page.waitForTimeout(1500);
    expect(api.length).toBe(after);
    await page.close();
  });

  it('the same token after a restart (kept in the data dir): the open tab reconnects by itself', async () => {
    browser.allowConsoleErrors(
      /^console\.error: Failed to load resource: net::ERR_[A-Z_]+ \(http:\/\/127\.0\.0\.1:\d+\//,
    );
    const first = await inspector({ token: 'kept-token-1' });
    const { page } = await tab();
    await page.goto(uiUrl(first));
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    const port = first.api.port;
    await first.close();
    started.splice(started.indexOf(first), 1);
    await page.getByRole('status', { name: /Live stream (disconnected|connecting)/ }).waitFor();
    await inspector({ uiPort: port, token: 'kept-token-1' });
    await page.getByRole('status', { name: 'Live stream open' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('main', { name: 'Open the inspector from its link' }).count()).toBe(0);
    await page.close();
  });
});
