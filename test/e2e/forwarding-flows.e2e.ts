// Forwarding flows end to end in a real browser, against the real inspector (serve mode, real delivery
// service) and a fake Sentry started here, each checked by what the fake received, not only by what the UI
// says: enabling, disabling and removing a target (the list and the status-bar indicator follow, a disabled
// target gets nothing automatically but can still be named, removal drops its queued items, counted); an
// OTLP/HTTP target with an API-key header made in the form; "Select all N matching the filter" over more
// traces than a page, then Send; Send in a trace's header; a send the fake Sentry refuses (403) shown as
// failed with the reason in the dialog, the list and the indicator; the Status table's per-target counts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ForwardingResponse, TraceResponse } from '../../shared/api/contract.js';
import { startFakeSentry, type FakeSentry } from '../helpers/fake-sentry.js';
import { apiJson, fastRetryDelivery, previewPayloads, receivedByTrace } from '../helpers/forwarded-events.js';
import {
  eventually,
  launchBrowser,
  otelSdk,
  postOtlpJson,
  sendCheckout,
  startTestInspector,
  uiUrl,
  type Inspector,
  type TestBrowser,
} from './support.js';

/** More traces than one page of the list (200) and than one page of "select all" (1000). */
const BATCH = 1100;
const API_KEY = 'k-7f3a9c0d2e41b85e';

let sentry: FakeSentry;
let inspector: Inspector;
let browser: TestBrowser;
let page: Page;
let sdk: ReturnType<typeof otelSdk>;
const ids = { a: '', b: '', c: '', d: '', e: '', auto: '' };
const batchIds: string[] = [];

beforeAll(async () => {
  // Projects 1 (dev) and 2 (staging); project 3 is unknown, so the fake answers 403 like Sentry.
  sentry = await startFakeSentry({
    projects: [
      { id: '1', publicKey: 'fakepublickey0123456789abcdef00' },
      { id: '2', publicKey: 'stagingkey0123456789abcdef000000' },
    ],
  });
  // Traces complete 300 ms after their last span; retries come quickly so recovery fits in a test.
  inspector = await startTestInspector({ idleTimeoutMs: 300 }, { createDelivery: fastRetryDelivery });
  await putTarget('dev', { kind: 'sentry-envelope', name: 'Dev project', dsn: sentry.dsn('1') });
  await putTarget('staging', { kind: 'sentry-envelope', name: 'Staging', dsn: sentry.dsn('2') });
  // The batch first and a minute old, so the shop traces are the newest rows.
  await postOtlpJson(inspector.http.port, batchBody());
  sdk = otelSdk(inspector.http.port, 'shop');
  for (const [k, route, fail] of [
    ['a', '/cart', false],
    ['b', '/products', false],
    ['c', '/checkout', true],
    ['d', '/orders', false],
    ['e', '/search', false],
  ] as const) {
    ids[k] = sendCheckout(sdk.tracer, route, fail);
    await sdk.flush();
  }
  browser = await launchBrowser({ width: 1280, height: 800 });
  page = browser.page;
  await page.goto(uiUrl(inspector));
  await row(ids.e).waitFor();
});

afterAll(async () => {
  sentry?.setFault(undefined);
  await sdk?.close();
  await browser?.close();
  await inspector?.close();
  await sentry?.close();
});

// A failed test leaves no dialog or trace view behind for the next one (each starts on the list).
afterEach(async () => {
  for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++)
    await page.getByRole('dialog').first().press('Escape');
  const back = page.getByRole('button', { name: 'Back to traces' });
  if ((await back.count()) > 0) await back.click();
});

function putTarget(id: string, body: Record<string, unknown>) {
  return apiJson(inspector, `/forwarding/targets/${id}`, { method: 'PUT', body });
}

/** One OTLP/JSON request: BATCH one-span traces of service "batch", started a minute ago. */
function batchBody(): string {
  const t0 = BigInt(Date.now() - 60_000) * 1_000_000n;
  const spans = [];
  for (let i = 0; i < BATCH; i++) {
    const traceId = `ba7c4000${(i + 1).toString(16).padStart(24, '0')}`;
    batchIds.push(traceId);
    const start = t0 + BigInt(i) * 1_000_000n;
    spans.push({
      traceId,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: 'nightly export',
      kind: 2,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 5_000_000n),
    });
  }
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'batch' } }] },
        scopeSpans: [{ scope: { name: 'batch' }, spans }],
      },
    ],
  });
}

const row = (traceId: string) => page.locator(`.grid-row[data-trace-id="${traceId}"]`);
const indicator = () => page.getByTestId('forwarding-indicator');
const panel = () => page.getByRole('dialog', { name: 'Forwarding' });
const sendDialog = () => page.getByRole('dialog', { name: 'Send to Sentry' });
const sendState = (traceId: string) =>
  sendDialog().locator(`li[data-trace-id="${traceId}"] [data-testid="send-state"]`);

async function openPanel(section: 'Targets' | 'Sampling' | 'Status'): Promise<Locator> {
  await page.getByRole('button', { name: 'Forwarding', exact: true }).click();
  await panel().getByRole('tab', { name: section }).click();
  return panel();
}

async function closePanel(): Promise<void> {
  await panel().getByRole('button', { name: 'Close forwarding' }).click();
}

async function select(traceIds: readonly string[]): Promise<void> {
  for (const id of traceIds) await row(id).getByRole('checkbox').check();
  await expect(page.getByTestId('selected-count').textContent()).resolves.toBe(`${traceIds.length} selected`);
}

/** In the open send dialog: tick exactly these targets (by name), then press Send. */
async function sendTo(targetNames: readonly string[], count: number): Promise<void> {
  const dialog = sendDialog();
  const boxes = dialog.locator('fieldset').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const label = (await box.locator('xpath=..').textContent()) ?? '';
    await box.setChecked(targetNames.some((n) => label.startsWith(`${n} `) || label === n));
  }
  await dialog.getByRole('button', { name: `Send ${count} ${count === 1 ? 'trace' : 'traces'}` }).click();
}

async function traceForwarding(traceId: string) {
  return (await apiJson<TraceResponse>(inspector, `/traces/${traceId}`)).summary.forwarding;
}

/** Trace IDs in what the fake's plain OTLP endpoint received (answered 200). */
function otlpTraceIds(): string[] {
  return sentry.otlp.filter((o) => o.projectId === 'otlp-http').flatMap((o) => o.spans.map((s) => s.traceId));
}

describe('forwarding flows', () => {
  it('enables, disables and removes a target: the list and indicator follow, a disabled target gets only what is named, removal drops its queue, counted', async () => {
    await eventually(async () => expect(await indicator().textContent()).toContain('2/2 targets'));

    // Disable Staging in the panel: the switch, the stored target and the indicator follow.
    const p = await openPanel('Targets');
    const stagingSwitch = p.getByRole('checkbox', { name: 'Enable target Staging' });
    await expect(stagingSwitch.isChecked()).resolves.toBe(true);
    await stagingSwitch.click();
    await eventually(async () => expect(await stagingSwitch.isChecked()).toBe(false));
    await eventually(async () => expect(await indicator().textContent()).toContain('1/2 targets'));
    const stored = await apiJson<ForwardingResponse>(inspector, '/forwarding');
    expect(stored.targets.map((t) => [t.id, t.enabled])).toEqual([
      ['dev', true],
      ['staging', false],
    ]);
    // The disabled target kept its DSN (the switch sends back the masked DSN, which keeps the stored key).
    expect(stored.targets[1]!.dsn).toContain('****');

    // Automatic forwarding on: a new trace goes to the enabled target only.
    await panel().getByRole('tab', { name: 'Sampling' }).click();
    await p.getByRole('checkbox', { name: 'Automatic forwarding' }).click();
    await eventually(async () =>
      expect(await p.getByTestId('auto-statement').textContent()).not.toMatch(/^Off/),
    );
    ids.auto = sendCheckout(sdk.tracer, '/auto', false);
    await sdk.flush();
    await eventually(async () => expect((await traceForwarding(ids.auto))?.state).toBe('sent'));
    expect((await traceForwarding(ids.auto))!.targets.map((t) => t.targetId)).toEqual(['dev']);
    // Exactly the new trace went out (nothing held before the switch), and only to project 1.
    expect([...receivedByTrace(sentry, '1').keys()]).toEqual([ids.auto]);
    expect(receivedByTrace(sentry, '2').size).toBe(0);
    expect(receivedByTrace(sentry, '1').get(ids.auto)).toEqual(
      await previewPayloads(inspector, ids.auto, 'dev'),
    );
    await p.getByRole('checkbox', { name: 'Automatic forwarding' }).click();
    await eventually(async () => expect(await p.getByTestId('auto-statement').textContent()).toMatch(/^Off/));
    expect((await apiJson<ForwardingResponse>(inspector, '/forwarding')).sampling.enabled).toBe(false);
    await closePanel();

    // The disabled target can still be named in a send; it is not ticked by default.
    await row(ids.auto).waitFor();
    await select([ids.auto]);
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    const dialog = sendDialog();
    const stagingBox = dialog.getByRole('checkbox', { name: /^Staging / });
    await expect(stagingBox.isChecked()).resolves.toBe(false);
    await expect(dialog.getByRole('checkbox', { name: /^Dev project / }).isChecked()).resolves.toBe(true);
    await expect(stagingBox.locator('xpath=..').textContent()).resolves.toContain(
      '(disabled: gets only what you send)',
    );
    await sendTo(['Staging'], 1);
    await eventually(async () => expect(await sendState(ids.auto).textContent()).toBe('sent'));
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect([...receivedByTrace(sentry, '2').keys()]).toEqual([ids.auto]);
    expect(receivedByTrace(sentry, '2').get(ids.auto)).toEqual(
      await previewPayloads(inspector, ids.auto, 'staging'),
    );

    // Enable it again.
    await openPanel('Targets');
    await stagingSwitch.click();
    await eventually(async () => expect(await indicator().textContent()).toContain('2/2 targets'));
    expect((await apiJson<ForwardingResponse>(inspector, '/forwarding')).targets[1]!.enabled).toBe(true);
    await closePanel();

    // Staging rate-limits us for 5 minutes: two traces sent to it wait in its queue.
    sentry.setFault((req) => (req.projectId === '2' ? { kind: 'rate-limit', retryAfter: 300 } : undefined));
    await select([ids.a, ids.b]);
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    await sendTo(['Staging'], 2);
    await eventually(async () => expect(await sendState(ids.a).textContent()).toMatch(/^rate-limited/));
    await sendDialog().getByRole('button', { name: 'Done' }).click();
    await eventually(async () => expect(await indicator().textContent()).toContain('2 queued'));
    expect(await indicator().textContent()).toContain('rate-limited');

    // Remove it (confirming the browser's question): its queued items are dropped and counted.
    const removePanel = await openPanel('Targets');
    await expect(
      removePanel
        .locator('.target-row[data-target-id="staging"] [data-testid="target-counters"]')
        .textContent(),
    ).resolves.toContain('queued 2');
    const question = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.accept();
      }),
    );
    await removePanel.getByRole('button', { name: 'Remove target Staging' }).click();
    expect(await question).toContain('Items still queued for it are dropped');
    await eventually(async () =>
      expect(
        await removePanel
          .locator('.target-row')
          .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-target-id'))),
      ).toEqual(['dev']),
    );
    await eventually(async () => expect(await indicator().textContent()).toContain('1/1 target'));
    expect(await indicator().textContent()).not.toContain('queued');
    expect(await indicator().textContent()).not.toContain('rate-limited');
    const after = await apiJson<ForwardingResponse>(inspector, '/forwarding');
    expect(after.targets.map((t) => t.id)).toEqual(['dev']);
    expect(after.status.counters).toMatchObject({ queued: 0, dropped: 2 });
    expect(after.status.targets.find((t) => t.targetId === 'staging')).toMatchObject({
      queued: 0,
      sent: 1,
      dropped: 2,
    });
    // The Status section counts them too.
    await panel().getByRole('tab', { name: 'Status' }).click();
    const stagingRow = panel().locator('tr[data-target-id="staging"] td');
    await eventually(async () => expect(await stagingRow.nth(4).textContent()).toBe('2'));
    await closePanel();
    // The rows say what became of them; project 2 never got them.
    for (const id of [ids.a, ids.b]) {
      await eventually(async () =>
        expect(await row(id).getByTestId('forward-state').textContent()).toBe('failed'),
      );
      expect(await row(id).getByTestId('forward-state').getAttribute('title')).toContain(
        'dropped: target removed',
      );
    }
    expect([...receivedByTrace(sentry, '2').keys()]).toEqual([ids.auto]);
    sentry.setFault(undefined);
  });

  it('adds an OTLP/HTTP target with an API-key header in the form: saved, masked, and a send delivers OTLP with that header', async () => {
    const p = await openPanel('Targets');
    await p.getByRole('button', { name: '+ Add target' }).click();
    await p.getByRole('radio', { name: 'OTLP/HTTP endpoint' }).click();
    await p.getByRole('textbox', { name: 'Target name' }).fill('Collector');
    await p.getByRole('textbox', { name: 'URL' }).fill(sentry.otlpHttpUrl);
    await p.getByRole('button', { name: '+ Header' }).click();
    await p.getByRole('textbox', { name: 'Header 1 name' }).fill('X-Api-Key');
    await p.getByRole('textbox', { name: 'Header 1 value' }).fill(API_KEY);
    await p.getByRole('button', { name: 'Save', exact: true }).click();
    // Saved: the form now edits the stored target, whose header value comes back masked.
    await p.getByRole('form', { name: 'Edit target Collector' }).waitFor();
    await expect(p.getByRole('textbox', { name: 'Header 1 name' }).inputValue()).resolves.toBe('X-Api-Key');
    await expect(p.getByRole('textbox', { name: 'Header 1 value' }).inputValue()).resolves.toBe('****');
    const stored = await apiJson<ForwardingResponse>(inspector, '/forwarding');
    expect(stored.targets.find((t) => t.id === 'collector')).toMatchObject({
      kind: 'otlp-http',
      name: 'Collector',
      enabled: true,
      url: sentry.otlpHttpUrl,
      headers: { 'X-Api-Key': '****' },
    });
    expect(JSON.stringify(stored)).not.toContain(API_KEY);
    await p.getByRole('button', { name: 'Close', exact: true }).click();
    const targetRow = p.locator('.target-row[data-target-id="collector"]');
    await expect(targetRow.textContent()).resolves.toContain('OTLP/HTTP endpoint');
    await expect(targetRow.textContent()).resolves.toContain(sentry.otlpHttpUrl);
    expect(await page.content()).not.toContain(API_KEY);
    await closePanel();
    await eventually(async () => expect(await indicator().textContent()).toContain('2/2 targets'));

    await select([ids.d]);
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    await sendTo(['Collector'], 1);
    await eventually(async () => expect(await sendState(ids.d).textContent()).toBe('sent'));
    await sendDialog().getByRole('button', { name: 'Done' }).click();
    // The fake OTLP receiver got exactly that trace's spans, with the header.
    const got = sentry.otlp.filter((o) => o.projectId === 'otlp-http');
    expect(got).toHaveLength(1);
    expect(got[0]!.headers['x-api-key']).toBe(API_KEY);
    const detail = await apiJson<TraceResponse>(inspector, `/traces/${ids.d}`);
    expect(got[0]!.spans.map((s) => s.spanId).sort()).toEqual(detail.spans.map((s) => s.spanId).sort());
    expect(new Set(otlpTraceIds())).toEqual(new Set([ids.d]));
    await expect(row(ids.d).getByTestId('forward-state').textContent()).resolves.toBe('sent');
  });

  it('"Select all N matching the filter" selects only the matching traces, past one page, and sends them', async () => {
    await page.getByRole('combobox', { name: 'Service' }).selectOption('batch');
    await eventually(async () => expect(await row(ids.e).count()).toBe(0));
    await row(batchIds[BATCH - 1]!).waitFor();
    await row(batchIds[BATCH - 1]!)
      .getByRole('checkbox')
      .check();
    await expect(page.getByTestId('selected-count').textContent()).resolves.toBe('1 selected');
    await page.getByRole('button', { name: `Select all ${BATCH} matching the filter` }).click();
    await eventually(async () =>
      expect(await page.getByTestId('selected-count').textContent()).toBe(`${BATCH} selected`),
    );
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    await expect(sendDialog().getByRole('heading').textContent()).resolves.toMatch(
      new RegExp(`^Send ${BATCH} traces to `),
    );
    const before = otlpTraceIds().length;
    await sendTo(['Collector'], BATCH);
    await eventually(async () =>
      expect(await sendDialog().getByRole('heading').textContent()).toBe(`Sent ${BATCH} traces`),
    );
    expect(await sendDialog().getByRole('alert').count()).toBe(0);
    // Exactly the matching traces arrived, each once, and none of the shop's.
    await eventually(async () => expect(otlpTraceIds().length - before).toBe(BATCH), 60_000);
    expect(otlpTraceIds().slice(before).sort()).toEqual([...batchIds].sort());
    await eventually(async () => expect(await sendState(batchIds[0]!).textContent()).toBe('sent'));
    await sendDialog().getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('selected-count').count()).resolves.toBe(0);
    await page.getByRole('combobox', { name: 'Service' }).selectOption('');
    await row(ids.e).waitFor();
  });

  it('Send… in a trace header sends that one trace', async () => {
    await row(ids.e).click();
    const send = page.getByRole('button', { name: 'Send to Sentry…' });
    // Below 1440 px the label is short; the accessible name stays whole.
    await expect(send.innerText()).resolves.toBe('Send…');
    await send.click();
    await expect(sendDialog().getByRole('heading').textContent()).resolves.toBe(
      'Send 1 trace to Dev project, Collector?',
    );
    await sendTo(['Dev project'], 1);
    await eventually(async () => expect(await sendState(ids.e).textContent()).toBe('sent'));
    await sendDialog().getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('.trace-actions .fwd-cell').textContent()).resolves.toBe('sent');
    expect(receivedByTrace(sentry, '1').get(ids.e)).toEqual(await previewPayloads(inspector, ids.e, 'dev'));
    expect(otlpTraceIds()).not.toContain(ids.e);
    await page.getByRole('button', { name: 'Back to traces' }).click();
    await expect(row(ids.e).getByTestId('forward-state').textContent()).resolves.toBe('sent');
  });

  it('a send the target refuses (403, unknown project) shows failed with the reason in the dialog, the list and the indicator', async () => {
    await putTarget('ops', {
      kind: 'sentry-envelope',
      name: 'Ops',
      dsn: sentry.dsn('1').replace(/\/1$/, '/3'),
    });
    // The UI reads the targets when the panel opens.
    const p = await openPanel('Targets');
    await p.locator('.target-row[data-target-id="ops"]').waitFor();
    await closePanel();

    await select([ids.c]);
    await page.getByRole('button', { name: 'Send to Sentry…' }).click();
    await sendTo(['Ops'], 1);
    await eventually(async () => expect(await sendState(ids.c).textContent()).toBe('failed'));
    const result = sendDialog().locator(`li[data-trace-id="${ids.c}"]`);
    await expect(result.textContent()).resolves.toMatch(
      /Ops: failed — HTTP 403 forbidden.*the project does not exist/,
    );
    await sendDialog().getByRole('button', { name: 'Done' }).click();
    const cell = row(ids.c).getByTestId('forward-state');
    await expect(cell.textContent()).resolves.toBe('failed');
    expect(await cell.getAttribute('title')).toMatch(/Ops: failed — HTTP 403 forbidden/);
    // The status is said once.
    expect(await cell.getAttribute('title')).not.toMatch(/HTTP 403.*HTTP 403/);
    await eventually(async () => expect(await indicator().textContent()).toContain('error: HTTP 403'));
    expect(await indicator().getAttribute('title')).toMatch(/Ops: HTTP 403 forbidden.*ProjectId/);
    // The fake refused it for real, and nothing of that trace reached any project.
    const refused = sentry.requests.filter((r) => r.path === '/api/3/envelope/');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 403)).toBe(true);
    expect(receivedByTrace(sentry).has(ids.c)).toBe(false);
  });

  it('the Status table shows per-target sent and failed counts equal to what the fake received', async () => {
    const p = await openPanel('Status');
    const cells = (id: string) => p.locator(`tr[data-target-id="${id}"] td`);
    const counts = async (id: string) => {
      const c = cells(id);
      return {
        name: await c.nth(0).textContent(),
        queued: Number(await c.nth(1).textContent()),
        sent: Number(await c.nth(2).textContent()),
        failed: Number(await c.nth(3).textContent()),
        dropped: Number(await c.nth(4).textContent()),
      };
    };
    const envelopesOf = (projectId: string) =>
      sentry.envelopes.filter(
        (e) =>
          e.projectId === projectId && e.items.some((i) => i.type === 'transaction' || i.type === 'event'),
      ).length;
    const refusedOf = (projectId: string) =>
      sentry.requests.filter((r) => r.path === `/api/${projectId}/envelope/` && r.status === 403).length;
    await eventually(async () =>
      expect(await counts('dev')).toEqual({
        name: 'Dev project',
        queued: 0,
        sent: envelopesOf('1'),
        failed: 0,
        dropped: 0,
      }),
    );
    // Each OTLP item is one trace's request body (batched on the wire).
    expect(await counts('collector')).toEqual({
      name: 'Collector',
      queued: 0,
      sent: new Set(otlpTraceIds()).size,
      failed: 0,
      dropped: 0,
    });
    expect(await counts('ops')).toEqual({
      name: 'Ops',
      queued: 0,
      sent: 0,
      failed: refusedOf('3'),
      dropped: 0,
    });
    expect(await counts('staging')).toEqual({
      name: 'staging (removed)',
      queued: 0,
      sent: envelopesOf('2'),
      failed: 0,
      dropped: 2,
    });
    expect(envelopesOf('1')).toBe(2);
    // The error trace is two items for Ops (transaction and error event), each refused once, for good.
    expect(refusedOf('3')).toBe((await previewPayloads(inspector, ids.c, 'ops')).length);
    expect(refusedOf('3')).toBe(2);
    expect(new Set(otlpTraceIds()).size).toBe(BATCH + 1);
    // The totals line adds them up.
    const total = envelopesOf('1') + envelopesOf('2') + BATCH + 1 + refusedOf('3') + 2;
    await expect(p.locator('.fwd-status > p').first().textContent()).resolves.toMatch(
      new RegExp(
        `ever queued: ${total} — queued 0, sent ${total - refusedOf('3') - 2}, failed ${refusedOf('3')}, dropped 2\\.`,
      ),
    );
    await closePanel();
  });
});
