// UI performance, measured in Chromium with the browser's own performance APIs (not a pass/fail test):
//   A. 100 000 traces in the store: time from navigation to the first rows of the list, and frame times
//      (requestAnimationFrame deltas) and long tasks while scrolling through it, paging included.
//   B. 20 000 spans/s arriving over OTLP/HTTP: delay from receipt (the store's lastReceivedAt) to the row
//      being in the DOM at a frame, and long tasks in the renderer.
//   C. 100 000 traces arriving as fast as possible while the page is open, until all are complete.
//   D. The Sentry tab of a trace of 1 500 and of 2 000 spans (the preview budget's limit) against one of
//      10 spans (the baseline): switching to the tab, opening the trace on it, scrolling its trace tree.
// `node --import tsx test/e2e/ui-perf.ts [store|incoming|flood|sentry]` runs one part; UI_PERF_PROFILE=1 adds
// a CPU profile summary of part A's scrolling and of part D's tab switches at 2 000 spans.
// Run: npm run bench:ui   (builds the app, then `node --import tsx test/e2e/ui-perf.ts`); prints JSON.
// The inspector measured is the compiled one users run (dist/), loaded here; only this driver runs on tsx.
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StoreLimits } from '../../shared/api/contract.js';
import { resolveBrowser } from '../browser/system-probes.js';
import { bigTraceBody, launchBrowser, uiUrl, type Inspector } from './support.js';

const DIST = resolve(import.meta.dirname, '../../dist');

/** The inspector from `npm run build`'s output (core and UI), on loopback with free ports. */
async function startCompiledInspector(limits?: Partial<StoreLimits>): Promise<Inspector> {
  const url = pathToFileURL(resolve(DIST, 'electron/core/inspector.js')).href;
  const { startInspector } = (await import(url)) as typeof import('../../electron/core/inspector.js');
  return startInspector({
    hosts: ['127.0.0.1'],
    grpcPort: 0,
    httpPort: 0,
    uiPort: 0,
    staticDir: resolve(DIST, 'renderer'),
    ...(limits ? { limits } : {}),
  });
}

const TRACES_A = 100_000;
const RATE_B = 20_000; // spans per second
const SECONDS_B = 10;
const SPANS_PER_TRACE_B = 10;
const TICK_MS = 50;

let idSeq = 0;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One OTLP/JSON request holding `traces` traces of `perTrace` spans each (root + children). */
function otlpBody(traces: number, perTrace: number, service: string): string {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const spans: string[] = [];
  for (let t = 0; t < traces; t++) {
    const traceId = hex(++idSeq, 16) + 'f'.repeat(16);
    const rootId = hex(idSeq, 8) + '00000001';
    for (let s = 0; s < perTrace; s++) {
      const start = nowNs - 50_000_000n + BigInt(s) * 1_000_000n;
      const end = start + BigInt(40 - s) * 1_000_000n;
      spans.push(
        `{"traceId":"${traceId}","spanId":"${s === 0 ? rootId : hex(idSeq, 8) + hex(s + 1, 8)}",` +
          `"parentSpanId":"${s === 0 ? '' : rootId}","name":"${s === 0 ? `GET /items/${idSeq % 97}` : `SELECT items ${s}`}",` +
          `"kind":${s === 0 ? 2 : 3},"startTimeUnixNano":"${start}","endTimeUnixNano":"${end}",` +
          `"attributes":[{"key":"http.route","value":{"stringValue":"/items/:id"}}],` +
          `"status":{"code":${idSeq % 13 === 0 && s === 0 ? 2 : 0}}}`,
      );
    }
  }
  return (
    `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${service}"}}]},` +
    `"scopeSpans":[{"scope":{"name":"perf"},"spans":[${spans.join(',')}]}]}]}`
  );
}

async function post(inspector: Inspector, body: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${inspector.http.port}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (!res.ok) throw new Error(`receiver answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}

/** Installed before the page's own scripts: long tasks, rAF deltas and first-row time. */
const INSTRUMENT = () => {
  const w = window as unknown as Record<string, unknown>;
  const longTasks: number[] = [];
  w.__longTasks = longTasks;
  const longTaskStarts: number[] = [];
  w.__longTaskStarts = longTaskStarts;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks.push(e.duration);
      longTaskStarts.push(e.startTime);
    }
  }).observe({ type: 'longtask', buffered: true });
  // Note every stream delta as it arrives, before the app sees it.
  const pending: { at: number; traces: { id: string; rev: number; recv: number }[] }[] = [];
  w.__pending = pending;
  const lastSeen = new Map<string, number>();
  w.__msgSizes = [];
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('message', (ev) => {
        const data = (ev as MessageEvent).data as string;
        const sizes = w.__msgSizes as { bytes: number; upserted: number }[];
        const msg = JSON.parse(data) as {
          type: string;
          upserted?: { traceId: string; revision: number; lastReceivedAt: number }[];
        };
        // Only changes that came from received spans count (not e.g. a trace turning complete).
        sizes.push({ bytes: data.length, upserted: msg.upserted?.length ?? 0 });
        const fresh = (msg.upserted ?? []).filter((t) => lastSeen.get(t.traceId) !== t.lastReceivedAt);
        for (const t of fresh) lastSeen.set(t.traceId, t.lastReceivedAt);
        if (msg.type === 'delta' && fresh.length)
          (w.__pending as typeof pending).push({
            at: Date.now(),
            traces: fresh.map((t) => ({ id: t.traceId, rev: t.revision, recv: t.lastReceivedAt })),
          });
      });
    }
  };
  w.__firstRowAt = null;
  const mo = new MutationObserver(() => {
    if (w.__firstRowAt === null && document.querySelector('[role=row][data-trace-id]')) {
      w.__firstRowAt = performance.now();
      mo.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    mo.observe(document.body, { childList: true, subtree: true }),
  );
};

/** UI_PERF_PROFILE=1: a CPU profile of the measured phase, summarised as the top functions by self time. */
async function startProfile(page: import('playwright-core').Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    (profile.samples ?? []).forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    return [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n');
  };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;

interface RawScroll {
  deltas: number[];
  longTasks: number[];
  afterPage: number;
  footer: string;
  scrollTop: number;
}
type ScrollRun = ReturnType<typeof summariseScroll>;

async function scrollRun(page: import('playwright-core').Page, pxPerFrame: number): Promise<RawScroll> {
  return page.evaluate(async (px) => {
    const w = window as unknown as { __longTasks: number[] };
    const before = w.__longTasks.length;
    const el = document.querySelector('[aria-label="Traces"] .grid-body') as HTMLElement;
    const deltas: number[] = [];
    let target = el.scrollTop;
    await new Promise<void>((done) => {
      const start = performance.now();
      let last = start;
      const frame = (now: number) => {
        deltas.push(now - last);
        last = now;
        target += px;
        el.scrollTop = target;
        if (now - start < 5000) requestAnimationFrame(frame);
        else done();
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(frame);
      });
    });
    const footer = document.querySelector('.grid-foot')?.textContent ?? '';
    // Which long tasks follow a page of the list arriving (within 150 ms of its response)?
    const pages = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/traces'))
      .map((e) => (e as PerformanceResourceTiming).responseEnd);
    const starts = (w as unknown as { __longTaskStarts: number[] }).__longTaskStarts.slice(before);
    const afterPage = starts.filter((t) => pages.some((p) => t >= p - 5 && t - p < 150)).length;
    return { deltas, longTasks: w.__longTasks.slice(before), afterPage, footer, scrollTop: el.scrollTop };
  }, pxPerFrame);
}

function summariseScroll(s: RawScroll) {
  return {
    frames: s.deltas.length,
    maxFrameMs: r1(Math.max(...s.deltas)),
    p95FrameMs: r1(pct(s.deltas, 95)),
    p99FrameMs: r1(pct(s.deltas, 99)),
    framesOver50ms: s.deltas.filter((d) => d > 50).length,
    longTasksMs: s.longTasks.map(r1),
    longTasksRightAfterAPageArrived: s.afterPage,
    pixelsScrolled: Math.round(s.scrollTop),
    footer: s.footer,
  };
}

/** Opens the UI with the measuring script installed before the app loads. */
async function openInstrumented(page: import('playwright-core').Page, inspector: Inspector): Promise<void> {
  // tsx (esbuild keepNames) wraps named functions in __name(); the page needs the helper too.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(INSTRUMENT);
  await page.goto(uiUrl(inspector));
}

async function benchLargeStore() {
  const inspector = await startCompiledInspector({ maxSpans: 1_000_000, maxBytes: 2 * 1024 ** 3 });
  const browser = await launchBrowser();
  try {
    const perRequest = 1000;
    const t0 = performance.now();
    for (let i = 0; i < TRACES_A / perRequest; i++) await post(inspector, otlpBody(perRequest, 2, 'catalog'));
    const fillMs = performance.now() - t0;
    if (inspector.store.counters().traces !== TRACES_A)
      throw new Error(`expected ${TRACES_A} traces, store holds ${inspector.store.counters().traces}`);

    // The store marks traces complete after its idle timeout (5 s) and streams every such change; open
    // the page after that, so the figures are of the list itself (the flood is measured on its own below).
    await new Promise((r) => setTimeout(r, 6500));
    const page = browser.page;
    await openInstrumented(page, inspector);
    await page.waitForFunction(
      () => (window as unknown as { __firstRowAt: number | null }).__firstRowAt !== null,
    );
    const open = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        firstRowMs: (window as unknown as { __firstRowAt: number }).__firstRowAt,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        longTasksMs: [...(window as unknown as { __longTasks: number[] }).__longTasks],
      };
    });
    // Let the stats stream settle, then scroll for 5 s at a fixed speed per frame, recording every frame's
    // delta: 120 px/frame is a fast mouse-wheel scroll (7 200 px/s, 225 rows/s), 600 px/frame a stress
    // test (over 1 000 rows/s, a new page of 200 rows every ~11 frames).
    await page.waitForTimeout(500);
    const profiler = process.env.UI_PERF_PROFILE ? await startProfile(page) : null;
    const scrolls: Record<string, ScrollRun> = {};
    // Baseline: the same measurement without scrolling, to separate the renderer from the machine.
    scrolls.idle = summariseScroll(await scrollRun(page, 0));
    for (const px of [120, 600]) scrolls[`${px}pxPerFrame`] = summariseScroll(await scrollRun(page, px));
    if (profiler) console.error(await profiler());
    const messages = await page.evaluate(
      () => (window as unknown as { __msgSizes: { bytes: number; upserted: number }[] }).__msgSizes,
    );
    return {
      traces: TRACES_A,
      fillSeconds: r1(fillMs / 1000),
      firstRowMs: r1(open.firstRowMs),
      domContentLoadedMs: r1(open.domContentLoadedMs),
      longTasksWhileOpeningMs: open.longTasksMs.map(r1),
      scroll: scrolls,
      streamDeltas: {
        count: messages.length,
        maxUpserted: Math.max(0, ...messages.map((m) => m.upserted)),
        maxKiB: Math.round(Math.max(0, ...messages.map((m) => m.bytes)) / 1024),
        totalMiB: r1(messages.reduce((a, m) => a + m.bytes, 0) / 1024 ** 2),
      },
    };
  } finally {
    await browser.close();
    await inspector.close();
  }
}

async function benchIncoming() {
  const inspector = await startCompiledInspector({ maxSpans: 1_000_000, maxBytes: 2 * 1024 ** 3 });
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    await openInstrumented(page, inspector);
    await page.getByRole('heading', { name: 'Waiting for spans' }).waitFor();
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    // In the page: every stream delta is noted as it arrives (EventSource wrapped before the app loads).
    // Each frame, a delta counts as shown once a row of it is in the DOM at its revision (React applies a
    // delta in one commit, so every in-view row of it shows in that frame); then each trace of it gets
    // delay = that frame's wall time − the store's lastReceivedAt. The UI's own share is the time from the
    // message's arrival to that frame.
    await page.evaluate(() => {
      type Pending = { at: number; traces: { id: string; rev: number; recv: number }[] };
      const w = window as unknown as {
        __pending: Pending[];
        __delays: number[];
        __uiDelays: number[];
        __unseen: number;
        __frames: number[];
        __stop: boolean;
      };
      w.__delays = [];
      w.__uiDelays = [];
      w.__unseen = 0;
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const frame = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        const wall = Date.now();
        const keep: Pending[] = [];
        for (const p of w.__pending) {
          const shown = p.traces.some((t) => {
            const row = document.querySelector<HTMLElement>(`[role=row][data-trace-id="${t.id}"]`);
            return row !== null && Number(row.dataset.revision) >= t.rev;
          });
          if (shown) {
            w.__uiDelays.push(wall - p.at);
            for (const t of p.traces) w.__delays.push(wall - t.recv);
          } else if (wall - p.at > 3000) w.__unseen++;
          else keep.push(p);
        }
        w.__pending = keep;
        if (!w.__stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const longBefore = await page.evaluate(
      () => (window as unknown as { __longTasks: number[] }).__longTasks.length,
    );

    const tracesPerTick = (RATE_B / SPANS_PER_TRACE_B) * (TICK_MS / 1000);
    const ticks = (SECONDS_B * 1000) / TICK_MS;
    const start = performance.now();
    const received0 = inspector.store.counters().received;
    let lagMs = 0;
    for (let i = 0; i < ticks; i++) {
      const due = start + i * TICK_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else lagMs = Math.max(lagMs, -wait);
      await post(inspector, otlpBody(tracesPerTick, SPANS_PER_TRACE_B, `svc-${i % 4}`));
    }
    const elapsed = (performance.now() - start) / 1000;
    const sent = inspector.store.counters().received - received0;
    await page.waitForTimeout(1500);
    const m = await page.evaluate((from) => {
      const w = window as unknown as {
        __delays: number[];
        __uiDelays: number[];
        __unseen: number;
        __frames: number[];
        __stop: boolean;
        __longTasks: number[];
      };
      w.__stop = true;
      return {
        delays: w.__delays,
        uiDelays: w.__uiDelays,
        unseen: w.__unseen,
        frames: w.__frames,
        longTasks: w.__longTasks.slice(from),
      };
    }, longBefore);
    return {
      targetSpansPerSecond: RATE_B,
      achievedSpansPerSecond: Math.round(sent / elapsed),
      seconds: r1(elapsed),
      generatorMaxLagMs: r1(lagMs),
      tracesMeasured: m.delays.length,
      deltasShown: m.uiDelays.length,
      deltasNeverShown: m.unseen,
      deltaArrivalToVisibleMs: {
        p50: r1(pct(m.uiDelays, 50)),
        p95: r1(pct(m.uiDelays, 95)),
        max: r1(Math.max(...m.uiDelays)),
      },
      receiptToVisibleMs: {
        p50: r1(pct(m.delays, 50)),
        p95: r1(pct(m.delays, 95)),
        p99: r1(pct(m.delays, 99)),
        max: r1(Math.max(...m.delays)),
      },
      frames: { count: m.frames.length, p95Ms: r1(pct(m.frames, 95)), maxMs: r1(Math.max(...m.frames)) },
      longTasks: {
        count: m.longTasks.length,
        maxMs: r1(Math.max(0, ...m.longTasks)),
        over100ms: m.longTasks.filter((d) => d > 100).length,
      },
    };
  } finally {
    await browser.close();
    await inspector.close();
  }
}

/**
 * C. The page is open while 100 000 traces arrive as fast as the receiver takes them, and until the store
 * marks them all complete: the worst case the stream can hand the UI.
 */
async function benchFlood() {
  const inspector = await startCompiledInspector({ maxSpans: 1_000_000, maxBytes: 2 * 1024 ** 3 });
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    await openInstrumented(page, inspector);
    await page.getByRole('status', { name: 'Live stream open' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const frame = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const t0 = performance.now();
    for (let i = 0; i < TRACES_A / 1000; i++) await post(inspector, otlpBody(1000, 2, 'catalog'));
    const fillSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 7000));
    const m = await page.evaluate(() => {
      const w = window as unknown as {
        __frames: number[];
        __stop: boolean;
        __longTasks: number[];
        __msgSizes: { bytes: number; upserted: number }[];
      };
      w.__stop = true;
      const foot = document.querySelector('.grid-foot')?.textContent ?? '';
      return { frames: w.__frames, longTasks: w.__longTasks, messages: w.__msgSizes, foot };
    });
    return {
      traces: TRACES_A,
      fillSeconds: r1(fillSeconds),
      frames: {
        count: m.frames.length,
        p95Ms: r1(pct(m.frames, 95)),
        maxMs: r1(Math.max(...m.frames)),
        over50ms: m.frames.filter((d) => d > 50).length,
      },
      longTasks: {
        count: m.longTasks.length,
        maxMs: r1(Math.max(0, ...m.longTasks)),
        over100ms: m.longTasks.filter((d) => d > 100).length,
      },
      streamDeltas: {
        count: m.messages.length,
        maxUpserted: Math.max(0, ...m.messages.map((x) => x.upserted)),
        maxKiB: Math.round(Math.max(0, ...m.messages.map((x) => x.bytes)) / 1024),
        totalMiB: r1(m.messages.reduce((a, x) => a + x.bytes, 0) / 1024 ** 2),
      },
      footer: m.foot,
    };
  } finally {
    await browser.close();
    await inspector.close();
  }
}

/** What the page shows once the Sentry tab has drawn: a tree row and the envelope. */
const SENTRY_SHOWN = '[role=tree][aria-label^="Sentry trace"] [role=treeitem]';
const SENTRY_TAB = '[role=tab][title^="What Sentry"]';

/**
 * In the page: click `selector` (a tab or a trace row), then wait until the Sentry tab has been painted;
 * the time from the click to the frame after that paint, and the long tasks meanwhile.
 */
async function clickUntilSentryShown(page: import('playwright-core').Page, selector: string) {
  return page.evaluate(
    async ([sel, shown]) => {
      const w = window as unknown as { __longTasks: number[] };
      const before = w.__longTasks.length;
      const target = document.querySelector<HTMLElement>(sel!);
      if (!target) throw new Error(`nothing matches ${sel}`);
      const t0 = performance.now();
      target.click();
      // A frame callback runs before that frame's layout and paint: the tab is on screen at the next one.
      const ms = await new Promise<number>((done, fail) => {
        const check = (now: number) => {
          if (document.querySelector(shown!) && document.querySelector('[aria-label="Envelope text"]'))
            requestAnimationFrame((painted) => done(painted - t0));
          else if (now - t0 > 60_000) fail(new Error('the Sentry tab did not show within 60 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      // Long tasks are reported after they end: give the observer a frame.
      await new Promise((r) => setTimeout(r, 50));
      return { ms, longTasks: w.__longTasks.slice(before), rows: document.querySelectorAll(shown!).length };
    },
    [selector, SENTRY_SHOWN],
  );
}

async function benchSentryTab() {
  const inspector = await startCompiledInspector();
  const browser = await launchBrowser();
  const OPENS = 3;
  // Per size: one trace to switch tabs on, and OPENS more, each opened once (nothing of it cached yet).
  const traces = [10, 1500, 2000].map((spans) => {
    const id = (k: number) => `d${k}${String(spans).padStart(30, '0')}`;
    return { spans, id: id(0), fresh: Array.from({ length: OPENS }, (_, k) => id(k + 1)) };
  });
  const ROUNDS = 5;
  try {
    for (const t of traces)
      for (const id of [t.id, ...t.fresh]) await post(inspector, bigTraceBody(t.spans, 8, id));
    const page = browser.page;
    await openInstrumented(page, inspector);
    const out: Record<string, unknown> = {};
    for (const t of traces) {
      // Open the trace on the waterfall and let its preview arrive (it is fetched with the trace).
      await page.locator(`[role=row][data-trace-id="${t.id}"]`).click();
      await page.getByRole('tab', { name: 'Waterfall' }).click();
      await page.getByRole('tree', { name: 'Waterfall' }).getByRole('treeitem').first().waitFor();
      await page.waitForTimeout(1500);
      const profiler = process.env.UI_PERF_PROFILE && t === traces.at(-1) ? await startProfile(page) : null;
      const switches: number[] = [];
      const switchLong: number[] = [];
      let rows = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const m = await clickUntilSentryShown(page, SENTRY_TAB);
        switches.push(m.ms);
        switchLong.push(...m.longTasks);
        rows = m.rows;
        await page.getByRole('tab', { name: 'Waterfall' }).click();
        await page.getByRole('tree', { name: 'Waterfall' }).waitFor();
      }
      if (profiler) console.error(await profiler());
      // Opening a trace with the Sentry tab already chosen: the trace and its preview fetched (mapped in
      // the core's worker), the tab drawn.
      await clickUntilSentryShown(page, SENTRY_TAB);
      const opens: number[] = [];
      for (const id of t.fresh) {
        await page.keyboard.press('Escape');
        await page.locator(`[role=row][data-trace-id="${id}"]`).waitFor();
        opens.push((await clickUntilSentryShown(page, `[role=row][data-trace-id="${id}"]`)).ms);
      }
      // Scrolling the tree: 120 px per frame for up to 3 s (or to its end), every frame's delta.
      const scroll = await page.evaluate(async (sel) => {
        const el = document.querySelector(sel) as HTMLElement;
        const w = window as unknown as { __longTasks: number[] };
        const before = w.__longTasks.length;
        const deltas: number[] = [];
        await new Promise<void>((done) => {
          let last = 0;
          let start = 0;
          const frame = (now: number) => {
            deltas.push(now - last);
            last = now;
            el.scrollTop += 120;
            if (now - start < 3000 && el.scrollTop + el.clientHeight < el.scrollHeight)
              requestAnimationFrame(frame);
            else done();
          };
          requestAnimationFrame((now) => {
            last = start = now;
            requestAnimationFrame(frame);
          });
        });
        return { deltas, longTasks: w.__longTasks.slice(before) };
      }, '[role=tree][aria-label^="Sentry trace"]');
      out[`${t.spans}spans`] = {
        treeRowsInDom: rows,
        tabSwitchMs: { median: r1(pct(switches, 50)), max: r1(Math.max(...switches)) },
        tabSwitchLongTasksMs: switchLong.map(r1),
        openOnSentryTabMs: { median: r1(pct(opens, 50)), max: r1(Math.max(...opens)) },
        scroll: {
          frames: scroll.deltas.length,
          p95FrameMs: r1(pct(scroll.deltas, 95)),
          maxFrameMs: r1(Math.max(...scroll.deltas)),
          longTasksMs: scroll.longTasks.map(r1),
        },
      };
      await page.keyboard.press('Escape');
    }
    // The ratio to the 10-span baseline measured in the same run: what the size costs, not the machine.
    const median = (k: string, f: 'tabSwitchMs' | 'openOnSentryTabMs') =>
      (out[k] as Record<typeof f, { median: number }>)[f].median;
    out.ratioToBaseline = Object.fromEntries(
      ['1500spans', '2000spans'].map((k) => [
        k,
        {
          tabSwitch: r1(median(k, 'tabSwitchMs') / Math.max(1, median('10spans', 'tabSwitchMs'))),
          openOnSentryTab: r1(
            median(k, 'openOnSentryTabMs') / Math.max(1, median('10spans', 'openOnSentryTabMs')),
          ),
        },
      ]),
    );
    return out;
  } finally {
    await browser.close();
    await inspector.close();
  }
}

const which = process.argv[2] ?? 'all';
const browser = await resolveBrowser();
const result: Record<string, unknown> = {
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, browser ${browser.executablePath} (via ${browser.source}) headless, software rendering`,
  // The machine may be shared: the load before the run says how much of it the benchmark had.
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
if (which === 'all' || which === 'store') result.largeStore = await benchLargeStore();
if (which === 'all' || which === 'incoming') result.incoming = await benchIncoming();
if (which === 'all' || which === 'flood') result.flood = await benchFlood();
if (which === 'all' || which === 'sentry') result.sentryTab = await benchSentryTab();
console.log(JSON.stringify(result, null, 2));
