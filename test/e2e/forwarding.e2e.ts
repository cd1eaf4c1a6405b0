// Forwarding in the UI against the real inspector (serve mode with the real delivery service) and a fake
// Sentry started here: a real OTel SDK sends three traces (one with an error); a bad DSN shows the part
// that is wrong; a DSN pointing at the fake Sentry passes Test connection; two traces selected with a
// shift-click are sent and show "sent", and the fake Sentry got exactly their events, equal to the Sentry
// tab's preview for that target; the sampling slider moves the simulator's count; a 429 shows in the
// status bar as a rate limit, then delivery recovers. Screenshots of the panel, selection and results.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeSentry, type FakeSentry } from '../helpers/fake-sentry.js';
import {
  apiJson,
  fastRetryDelivery,
  previewPayloads as previewOf,
  receivedByTrace as eventsByTrace,
} from '../helpers/forwarded-events.js';
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

const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
let sentry: FakeSentry;
let inspector: Inspector;
let browser: TestBrowser;
let page: Page;
let sdk: ReturnType<typeof otelSdk>;
const ids: { error: string; ok1: string; ok2: string } = { error: '', ok1: '', ok2: '' };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sentry = await startFakeSentry();
  // Traces complete 300 ms after their last span; retries come quickly so recovery fits in a test.
  inspector = await startTestInspector({ idleTimeoutMs: 300 }, { createDelivery: fastRetryDelivery });
  sdk = otelSdk(inspector.http.port, 'shop');
  // Oldest first: the list shows newest first, so ok1 and error end up next to each other.
  ids.ok2 = sendCheckout(sdk.tracer, '/cart', false);
  await sdk.flush();
  ids.error = sendCheckout(sdk.tracer, '/checkout', true);
  await sdk.flush();
  ids.ok1 = sendCheckout(sdk.tracer, '/products', false);
  await sdk.flush();
  browser = await launchBrowser({ width: 1280, height: 800 });
  page = browser.page;
});

afterAll(async () => {
  await sdk?.close();
  await browser?.close();
  await inspector?.close();
  await sentry?.close();
});

const row = (traceId: string) => page.locator(`.grid-row[data-trace-id="${traceId}"]`);
const indicator = () => page.getByTestId('forwarding-indicator');

const api = <T>(path: string) => apiJson<T>(inspector, path);
const receivedByTrace = () => eventsByTrace(sentry);
const previewPayloads = (traceId: string, targetId: string) => previewOf(inspector, traceId, targetId);

describe('forwarding in the UI', () => {
  it('adds a target: a bad DSN names the wrong part, a good one passes Test connection', async () => {
    await page.goto(uiUrl(inspector));
    for (const id of Object.values(ids)) await row(id).waitFor();
    await expect(indicator().textContent()).resolves.toContain('forwarding off');

    await page.getByRole('button', { name: 'Forwarding', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Forwarding' });
    await panel.getByRole('button', { name: '+ Add target' }).click();
    await panel.getByRole('textbox', { name: 'Target name' }).fill('Dev project');
    const dsn = panel.getByRole('textbox', { name: 'DSN' });
    const status = panel.getByTestId('dsn-status');
    await dsn.fill(sentry.dsn().replace(/\/1$/, '/one'));
    await expect(status.textContent()).resolves.toMatch(/^project ID: DSN project id must be numeric/);
    await expect(dsn.getAttribute('aria-invalid')).resolves.toBe('true');
    await dsn.fill(sentry.dsn().replace(/^http/, 'ftp'));
    await expect(status.textContent()).resolves.toMatch(/^scheme: /);
    await dsn.fill(sentry.dsn().replace(/\/\/[^@]+@/, '//@'));
    await expect(status.textContent()).resolves.toMatch(/^public key: /);
    const save = panel.getByRole('button', { name: 'Save', exact: true });
    await expect(save.isDisabled()).resolves.toBe(true);

    await dsn.fill(sentry.dsn());
    await expect(status.textContent()).resolves.toBe(`Sends to ${sentry.envelopeUrl()}`);
    await panel.getByRole('textbox', { name: 'Environment' }).fill('e2e');
    await panel.getByRole('button', { name: 'Save and test connection' }).click();
    const result = panel.getByTestId('test-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('Connected');
    // Saved: the key is masked in the form from now on.
    const publicKey = sentry.projects[0]!.publicKey;
    await expect(dsn.inputValue()).resolves.not.toContain(publicKey);
    await expect(dsn.inputValue()).resolves.toContain('****');
    // Test connection creates nothing visible in Sentry.
    expect(sentry.eventIds()).toEqual([]);

    await panel.getByRole('button', { name: 'Close', exact: true }).click();
    await panel.locator('.target-row[data-target-id="dev-project"]').waitFor();
    await panel.getByTestId('test-result').waitFor();
    await page.screenshot({ path: `${SHOTS}/forwarding-panel.png` });
    await panel.getByRole('button', { name: 'Close forwarding' }).click();
    await eventually(async () => expect(await indicator().textContent()).toContain('1/1 target'));
  });

  it('sends two traces selected with a shift-click: both "sent", exactly their events, equal to the preview', async () => {
    await row(ids.ok1).getByRole('checkbox').click();
    await row(ids.error)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('selected-count').textContent()).resolves.toBe('2 selected');
    await expect(row(ids.ok2).getByRole('checkbox').isChecked()).resolves.toBe(false);
    await page.screenshot({ path: `${SHOTS}/forwarding-selection.png` });

    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to Sentry' });
    await expect(dialog.getByRole('heading').textContent()).resolves.toBe('Send 2 traces to Dev project?');
    await dialog.getByRole('button', { name: 'Send 2 traces' }).click();
    for (const id of [ids.ok1, ids.error])
      await eventually(async () =>
        expect(
          await dialog.locator(`li[data-trace-id="${id}"] [data-testid="send-state"]`).textContent(),
        ).toBe('sent'),
      );
    await expect(dialog.locator(`li[data-trace-id="${ids.error}"]`).textContent()).resolves.toContain(
      'event IDs',
    );
    await page.screenshot({ path: `${SHOTS}/forwarding-results.png` });
    await dialog.getByRole('button', { name: 'Done' }).click();
    for (const id of [ids.ok1, ids.error])
      await expect(row(id).getByTestId('forward-state').textContent()).resolves.toBe('sent');
    await expect(row(ids.ok2).getByTestId('forward-state').count()).resolves.toBe(0);

    // The fake Sentry got exactly these two traces, and what it got is the Sentry tab's preview for the target.
    const got = receivedByTrace();
    expect([...got.keys()].sort()).toEqual([ids.ok1, ids.error].sort());
    expect(sentry.invalid).toEqual([]);
    for (const id of [ids.ok1, ids.error])
      expect(got.get(id)).toEqual(await previewPayloads(id, 'dev-project'));
    // The error trace carries its error event, with the target's environment.
    expect(
      got.get(ids.error)!.some((p) => p.includes('PaymentError') && p.includes('"environment":"e2e"')),
    ).toBe(true);
  });

  it('the Sentry tab previews for the chosen target', async () => {
    await row(ids.error).click();
    await page.getByRole('tab', { name: /Sentry/ }).click();
    await page.getByRole('combobox', { name: 'Preview for target' }).selectOption('dev-project');
    await expect(page.getByTestId('preview-target-facts').textContent()).resolves.toContain(
      'environment e2e',
    );
    await page.getByRole('button', { name: 'Back to traces' }).click();
  });

  it('moving the sampling slider updates the simulator count', async () => {
    await page.getByRole('button', { name: 'Forwarding', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Forwarding' });
    await panel.getByRole('tab', { name: 'Sampling' }).click();
    await expect(panel.getByTestId('auto-statement').textContent()).resolves.toContain(
      'Off: nothing is sent',
    );
    const sim = panel.getByTestId('simulation');
    await eventually(async () =>
      expect(await sim.textContent()).toContain('Would keep 3 of 3 traces (1 with errors)'),
    );
    await panel.getByRole('slider', { name: 'Percentage of other traces kept' }).fill('0');
    await eventually(async () =>
      expect(await sim.textContent()).toContain('Would keep 1 of 3 traces (1 with errors)'),
    );
    // The list behind shows each trace's decision under the draft, with its reason on hover.
    const decision = (id: string) => row(id).locator('.fwd-cell').first();
    await eventually(async () => expect(await decision(ids.error).textContent()).toBe('would keep'));
    expect(await decision(ids.ok1).textContent()).toBe('would drop');
    expect(await decision(ids.error).getAttribute('title')).toContain('kept: has an error');
    // The draft is only simulated: the rules in force are unchanged until saved.
    const fwd = await api<{ sampling: { percentage: number; enabled: boolean } }>('/forwarding');
    expect(fwd.sampling).toMatchObject({ percentage: 100, enabled: false });
    await panel.getByRole('button', { name: 'Revert' }).click();
    await panel.getByRole('button', { name: 'Close forwarding' }).click();
  });

  it('a 429 shows as a rate limit in the status bar, then delivery recovers', async () => {
    sentry.setFault({ kind: 'rate-limit', retryAfter: 3, rateLimits: '3:transaction;error:key' });
    await row(ids.ok2).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to Sentry' });
    await dialog.getByRole('button', { name: 'Send 1 trace' }).click();
    await eventually(async () => expect(await indicator().textContent()).toContain('rate-limited'));
    await eventually(async () =>
      expect(
        await dialog.locator(`li[data-trace-id="${ids.ok2}"] [data-testid="send-state"]`).textContent(),
      ).toMatch(/^rate-limited/),
    );
    sentry.setFault(undefined);
    await eventually(
      async () =>
        expect(
          await dialog.locator(`li[data-trace-id="${ids.ok2}"] [data-testid="send-state"]`).textContent(),
        ).toBe('sent'),
      15_000,
    );
    await eventually(async () => expect(await indicator().textContent()).not.toContain('rate-limited'));
    expect(await indicator().textContent()).not.toContain('error');
    expect([...receivedByTrace().keys()].sort()).toEqual([ids.ok1, ids.error, ids.ok2].sort());
    expect(await previewPayloads(ids.ok2, 'dev-project')).toEqual(receivedByTrace().get(ids.ok2));
  });
});
