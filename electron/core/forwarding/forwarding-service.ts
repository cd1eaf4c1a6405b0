// (Over 400 lines: targets, send, tail sampling and status share the per-trace bookkeeping; kept whole.)
// Forwarding, routing side: the targets and sampling rules (kept in settings.json), selective send
// (POST /api/v1/forward), automatic tail sampling of completed traces, and status per trace / per target.
// What a target receives for a trace comes from shared/forwarding/target-payloads.ts — the same code the
// preview renders — and is handed to the delivery service (outbox, retries, rate limits).
import {
  MAX_FORWARD_TRACE_IDS,
  type ForwardingResponse,
  type ForwardingStatus,
  type ForwardItemPreview,
  type ForwardRequest,
  type ForwardResponse,
  type ForwardTargetResult,
  type ForwardTargetView,
  type ForwardTraceResult,
  type SamplerCounters,
  type SamplingSimulateResponse,
  type TargetTestResponse,
  type TraceForwardStatus,
} from '../../../shared/api/contract.js';
import type { TargetItem } from '../../../shared/forwarding/target-payloads.js';
import type { ForwardTarget } from '../../../shared/forwarding/target-types.js';
import {
  deliveryTargetFor,
  maskTarget,
  redact,
  targetEndpoint,
  targetSecrets,
} from '../../../shared/forwarding/targets.js';
import { validateTarget } from '../../../shared/forwarding/targets.js';
import type { Span } from '../../../shared/model/span.js';
import { decideTrace, validateSamplingRules } from '../../../shared/sampling/rules.js';
import { SAMPLING_REASONS, type SamplingReason, type SamplingRules } from '../../../shared/sampling/types.js';
import type { SettingsService } from '../settings/index.js';
import { TASKS, type ForwardItemsTaskInput } from '../workers/tasks.js';
import { WorkerPoolBusyError, type WorkerPool } from '../workers/worker-pool.js';
import type { SpanStore } from '../store/span-store.js';
import type { DeliveryEvent, DeliveryService } from './delivery/types.js';
import {
  decodeForwarding,
  encodeForwarding,
  FORWARDING_FIELD,
  type LoadedForwarding,
} from './forwarding-settings.js';
import type { SecretCodec } from './secret-codec.js';
import { TraceStatusBook } from './trace-status.js';

/** A request the forwarding service refuses: the routes answer with this status and message. */
export class ForwardingError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ForwardingError';
  }
}

interface ForwardingServiceOptions {
  store: SpanStore;
  delivery: DeliveryService;
  /** Where targets and rules are saved (the `forwarding` field); null keeps them in memory only. */
  settings: SettingsService | null;
  /** Seals target secrets in the file (Electron safeStorage); null writes them plainly into the 0600 file. */
  codec: SecretCodec | null;
  /** Maps traces to envelopes off the event loop; absent: inline. */
  workers?: WorkerPool | null;
  now?: () => number;
}

/** One trace (or its late spans) to map and queue for one target. */
interface SendJob {
  traceId: string;
  spans: readonly Span[];
  generation: number;
}

/** Traces per worker task. */
const CHUNK = 64;

const TRACE_ID = /^[0-9a-f]{32}$/i;

function zeroReasons(): Record<SamplingReason, number> {
  return Object.fromEntries(SAMPLING_REASONS.map((r) => [r, 0])) as Record<SamplingReason, number>;
}

export class ForwardingService {
  private targets: ForwardTarget[];
  private problems: LoadedForwarding['problems'];
  private sampling: SamplingRules;
  private readonly book = new TraceStatusBook();
  private readonly sampler: SamplerCounters = {
    decisions: 0,
    lateDecisions: 0,
    kept: 0,
    dropped: 0,
    byReason: zeroReasons(),
  };
  private readonly now: () => number;
  private readonly disposers: (() => void)[] = [];
  /** Settings writes one after another, so two quick PUTs never lose one another's change. */
  private writing: Promise<unknown> = Promise.resolve();
  /** Completed traces waiting for the sampler (decided off the store's read path, in one batch). */
  private completed: [string, number][] = [];
  private completedTimer: NodeJS.Immediate | null = null;

  constructor(private readonly opts: ForwardingServiceOptions) {
    this.now = opts.now ?? Date.now;
    const loaded = decodeForwarding(opts.settings?.get()[FORWARDING_FIELD], opts.codec);
    this.targets = loaded.targets;
    this.problems = loaded.problems;
    this.sampling = loaded.sampling;
    this.pushTargets();
    this.disposers.push(opts.delivery.onEvent((e) => this.onDelivery(e)));
    this.disposers.push(opts.store.onTraceCompleted((id, n) => this.onCompleted(id, n)));
    opts.store.setSummaryAnnotator((s) => {
      const st = this.traceStatus(s.traceId);
      if (st) s.forwarding = st;
    });
    this.disposers.push(() => opts.store.setSummaryAnnotator(null));
  }

  // ---- settings --------------------------------------------------------------------------------------

  private pushTargets(): void {
    this.opts.delivery.setTargets(this.targets.map(deliveryTargetFor));
  }

  private async save(targets: ForwardTarget[], sampling: SamplingRules): Promise<void> {
    const write = this.writing.then(async () => {
      if (this.opts.settings)
        await this.opts.settings.update({
          [FORWARDING_FIELD]: encodeForwarding(targets, sampling, this.opts.codec),
        });
      this.targets = targets;
      this.sampling = sampling;
      this.pushTargets();
    });
    this.writing = write.catch(() => undefined);
    await write;
  }

  private view(t: ForwardTarget): ForwardTargetView {
    return { ...maskTarget(t), endpoint: redact(targetEndpoint(t), targetSecrets(t)) };
  }

  target(id: string): ForwardTarget | undefined {
    return this.targets.find((t) => t.id === id);
  }

  private known(id: string): ForwardTarget {
    const t = this.target(id);
    if (!t) throw new ForwardingError(404, `no forwarding target '${id}' (see GET /api/v1/forwarding)`);
    return t;
  }

  async putTarget(id: string, raw: unknown): Promise<ForwardTargetView> {
    await this.writing;
    const previous = this.target(id);
    const r = validateTarget(id, raw, previous);
    if (r.target === null) throw new ForwardingError(400, `bad target: ${r.errors.join('; ')}`);
    const next = previous
      ? this.targets.map((t) => (t.id === id ? r.target : t))
      : [...this.targets, r.target];
    await this.save(next, this.sampling);
    this.problems = this.problems.filter((p) => p.id !== id);
    return this.view(r.target);
  }

  async deleteTarget(id: string): Promise<void> {
    await this.writing;
    const hadProblem = this.problems.some((p) => p.id === id);
    if (!this.target(id) && !hadProblem) this.known(id);
    await this.save(
      this.targets.filter((t) => t.id !== id),
      this.sampling,
    );
    this.problems = this.problems.filter((p) => p.id !== id);
  }

  async putSampling(patch: unknown): Promise<SamplingRules> {
    await this.writing;
    const { rules, errors } = validateSamplingRules(patch, this.sampling);
    if (errors.length) throw new ForwardingError(400, `bad sampling rules: ${errors.join('; ')}`);
    await this.save(this.targets, rules);
    return { ...rules };
  }

  samplingRules(): SamplingRules {
    return { ...this.sampling };
  }

  async testTarget(id: string): Promise<TargetTestResponse> {
    const t = this.known(id);
    const r = await this.opts.delivery.testConnection(deliveryTargetFor(t));
    return { ...r, message: redact(r.message, targetSecrets(t)) };
  }

  // ---- status ----------------------------------------------------------------------------------------

  status(): ForwardingStatus {
    const d = this.opts.delivery.status();
    const byId = new Map(d.targets.map((t) => [t.targetId, t]));
    const targets = this.targets.map(
      (t) => byId.get(t.id) ?? { targetId: t.id, queued: 0, sent: 0, failed: 0, dropped: 0 },
    );
    // Targets removed since, whose items were counted, stay visible so the totals still add up.
    for (const t of d.targets) if (!this.target(t.targetId)) targets.push(t);
    return {
      counters: { ...d.totals },
      targets: targets.map((t) => {
        const secrets = targetSecrets(this.target(t.targetId) ?? {});
        return t.lastError
          ? {
              ...t,
              lastError: {
                ...t.lastError,
                reason: redact(t.lastError.reason, secrets),
                ...(t.lastError.bodyExcerpt !== undefined
                  ? { bodyExcerpt: redact(t.lastError.bodyExcerpt, secrets) }
                  : {}),
              },
            }
          : { ...t };
      }),
      sampler: { ...this.sampler, byReason: { ...this.sampler.byReason } },
    };
  }

  response(): ForwardingResponse {
    return {
      targets: this.targets.map((t) => this.view(t)),
      sampling: this.samplingRules(),
      status: this.status(),
      secretStorage: this.opts.codec ? 'os-encrypted' : 'plain-0600',
      file: this.opts.settings?.file ?? null,
      problems: this.problems.map((p) => ({ ...p })),
    };
  }

  /** A trace's status; failure reasons pass through the same masking as every other answer. */
  traceStatus(traceId: string): TraceForwardStatus | undefined {
    const st = this.book.status(traceId, this.now());
    if (st)
      for (const t of st.targets)
        if (t.reason !== undefined) t.reason = redact(t.reason, targetSecrets(this.target(t.targetId) ?? {}));
    return st;
  }

  private onDelivery(e: DeliveryEvent): void {
    for (const id of this.book.apply(e)) this.opts.store.markChanged(id);
  }

  // ---- sending ---------------------------------------------------------------------------------------

  /**
   * The items for several traces of one target, mapped in the worker pool (in chunks, so a selective
   * send of 1000 traces neither holds the event loop nor floods the pool's queue); inline without a pool
   * or when it is saturated. `generation` picks the event IDs: 1 is the preview's, each resend a new set.
   */
  private async itemsFor(target: ForwardTarget, jobs: readonly SendJob[]): Promise<TargetItem[][]> {
    const sentAt = new Date(this.now()).toISOString();
    const out: TargetItem[][] = [];
    for (let i = 0; i < jobs.length; i += CHUNK) {
      const chunk = jobs.slice(i, i + CHUNK).map((j) => ({ spans: j.spans, generation: j.generation }));
      const input: ForwardItemsTaskInput = { target, sentAt, traces: chunk };
      let mapped: TargetItem[][] | undefined;
      if (this.opts.workers)
        try {
          mapped = await this.opts.workers.run('forward-items', input);
        } catch (e) {
          if (!(e instanceof WorkerPoolBusyError)) throw e;
        }
      out.push(...(mapped ?? TASKS['forward-items'](input)));
    }
    return out;
  }

  /**
   * Maps and queues the jobs of one target. Each job was reserved (`inFlight`) by the caller, so a second
   * request for the same trace meanwhile answers already-queued. Returns the event IDs per job, or the
   * error that stopped it.
   */
  private async sendJobs(target: ForwardTarget, jobs: readonly SendJob[]): Promise<(string[] | Error)[]> {
    let items: TargetItem[][] | Error;
    try {
      items = await this.itemsFor(target, jobs);
    } catch (e) {
      items = e instanceof Error ? e : new Error(String(e));
    }
    return jobs.map((job, n) => {
      const rec = this.book.target(job.traceId, target.id);
      rec.inFlight = Math.max(0, rec.inFlight - 1);
      if (items instanceof Error) return items;
      // A target removed while mapping ran: nothing to queue for it.
      if (!this.target(target.id)) return new Error(`target ${target.id} was removed`);
      const list = items[n]!;
      const eventIds = list.flatMap((i) => i.eventIds);
      this.book.beginSend(job.traceId, target.id, eventIds, job.generation);
      try {
        for (const item of list) {
          const id = this.opts.delivery.enqueue({
            targetId: target.id,
            traceIds: [job.traceId],
            eventIds: item.eventIds,
            category: item.category,
            contentType: item.contentType,
            body: item.body,
            quantity: item.eventIds.length || job.spans.length,
          });
          this.book.noteItem(id, target.id, [job.traceId]);
        }
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      } finally {
        this.opts.store.markChanged(job.traceId);
      }
      return eventIds;
    });
  }

  private parseForward(raw: unknown): Required<ForwardRequest> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new ForwardingError(
        400,
        'the body must be a JSON object {traceIds, targetIds?, dryRun?, resend?}',
      );
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!['traceIds', 'targetIds', 'dryRun', 'resend'].includes(k))
        throw new ForwardingError(400, `${k} is not a forward field (traceIds, targetIds, dryRun, resend)`);
    const ids = o.traceIds;
    if (!Array.isArray(ids) || ids.length === 0)
      throw new ForwardingError(400, 'traceIds must be a non-empty array of trace IDs');
    if (ids.length > MAX_FORWARD_TRACE_IDS)
      throw new ForwardingError(
        400,
        `traceIds: at most ${MAX_FORWARD_TRACE_IDS} traces per request, got ${ids.length}`,
      );
    ids.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !TRACE_ID.test(id))
        throw new ForwardingError(400, `traceIds[${i}] must be 32 hex digits, got ${JSON.stringify(id)}`);
    });
    for (const k of ['dryRun', 'resend'] as const)
      if (o[k] !== undefined && typeof o[k] !== 'boolean')
        throw new ForwardingError(400, `${k} must be true or false, got ${JSON.stringify(o[k])}`);
    let targetIds: string[];
    if (o.targetIds === undefined) {
      targetIds = this.targets.filter((t) => t.enabled).map((t) => t.id);
      if (targetIds.length === 0)
        throw new ForwardingError(
          400,
          this.targets.length === 0
            ? 'no forwarding target: add one with PUT /api/v1/forwarding/targets/{id}'
            : 'every forwarding target is disabled: enable one, or name it in targetIds',
        );
    } else {
      if (!Array.isArray(o.targetIds) || o.targetIds.length === 0)
        throw new ForwardingError(400, 'targetIds must be a non-empty array of target IDs (or left out)');
      targetIds = o.targetIds.map((id: unknown, i) => {
        if (typeof id !== 'string' || !this.target(id))
          throw new ForwardingError(400, `targetIds[${i}]: no forwarding target ${JSON.stringify(id)}`);
        return id;
      });
    }
    return {
      traceIds: [...new Set(ids.map((id: string) => id.toLowerCase()))],
      targetIds: [...new Set(targetIds)],
      dryRun: o.dryRun === true,
      resend: o.resend === true,
    };
  }

  /** POST /api/v1/forward: exactly these traces, whatever the sampling rules say. */
  async forward(raw: unknown): Promise<ForwardResponse> {
    const req = this.parseForward(raw);
    const traces: ForwardTraceResult[] = [];
    /** Per target: what to map, and where its answer goes. */
    const work = new Map<string, { jobs: SendJob[]; results: ForwardTargetResult[] }>();
    for (const traceId of req.traceIds) {
      const trace = this.opts.store.getTrace(traceId);
      if (!trace) {
        traces.push({ traceId, outcome: 'not-found', targets: [] });
        continue;
      }
      const results = req.targetIds.map((targetId): ForwardTargetResult => {
        const answer = this.alreadyDone(traceId, targetId, req.resend);
        if (answer) return answer;
        const rec = this.book.peek(traceId, targetId);
        const sent = rec !== undefined && rec.sends > 0 && !rec.failed;
        const generation = (rec?.generation ?? 1) + (sent && req.resend ? 1 : 0);
        const result: ForwardTargetResult = { targetId, outcome: 'queued', eventIds: [] };
        let w = work.get(targetId);
        if (!w) work.set(targetId, (w = { jobs: [], results: [] }));
        w.jobs.push({ traceId, spans: trace.spans, generation });
        w.results.push(result);
        if (!req.dryRun) this.book.target(traceId, targetId).inFlight++;
        return result;
      });
      traces.push({ traceId, outcome: 'ok', targets: results });
    }
    for (const [targetId, w] of work) {
      const target = this.target(targetId)!;
      const secrets = targetSecrets(target);
      const fail = (r: ForwardTargetResult, e: Error) => {
        r.outcome = 'error';
        r.message = redact(e.message, secrets);
      };
      if (req.dryRun) {
        let mapped: TargetItem[][] | Error;
        try {
          mapped = await this.itemsFor(target, w.jobs);
        } catch (e) {
          mapped = e instanceof Error ? e : new Error(String(e));
        }
        w.results.forEach((r, n) => {
          if (mapped instanceof Error) return fail(r, mapped);
          r.outcome = 'would-send';
          r.eventIds = mapped[n]!.flatMap((i) => i.eventIds);
          r.items = mapped[n]!.map((i): ForwardItemPreview => ({
            contentType: i.contentType,
            category: i.category,
            eventIds: i.eventIds,
            body: redact(i.body, secrets),
          }));
        });
        continue;
      }
      const sent = await this.sendJobs(target, w.jobs);
      w.results.forEach((r, n) => {
        const s = sent[n]!;
        if (s instanceof Error) fail(r, s);
        else r.eventIds = s;
      });
    }
    return { dryRun: req.dryRun, traces };
  }

  /** The answer when the trace need not (or must not) be sent again to the target; undefined: send it. */
  private alreadyDone(traceId: string, targetId: string, resend: boolean): ForwardTargetResult | undefined {
    const rec = this.book.peek(traceId, targetId);
    if (!rec || resend) return undefined;
    if (rec.pending > 0 || rec.inFlight > 0)
      return {
        targetId,
        outcome: 'already-queued',
        eventIds: [...rec.lastSendEventIds],
        message: 'already queued for this target; pass resend: true to send it again as new events',
      };
    if (rec.sends > 0 && !rec.failed)
      return {
        targetId,
        outcome: 'already-sent',
        eventIds: [...rec.eventIds],
        message: 'already sent to this target; pass resend: true to send it again as new events',
      };
    // Never sent, or its send failed: a retry of what never arrived, under the same event IDs.
    return undefined;
  }

  // ---- automatic tail sampling ------------------------------------------------------------------------

  private onCompleted(traceId: string, completions: number): void {
    if (!this.sampling.enabled) return;
    this.completed.push([traceId, completions]);
    // Decided right after the store's read that noticed the completion, not inside it.
    this.completedTimer ??= setImmediate(() => {
      this.completedTimer = null;
      void this.decideCompleted();
    });
  }

  /**
   * Decides every trace that completed since the last call and queues the kept ones for every enabled
   * target; resolves once they are queued (tests call it to run the sampler at once).
   */
  async decideCompleted(): Promise<void> {
    const batch = this.completed;
    this.completed = [];
    if (!this.sampling.enabled) return;
    const work = new Map<string, SendJob[]>();
    for (const [traceId, completions] of batch) {
      const trace = this.opts.store.getTrace(traceId);
      if (!trace) continue;
      const decision = decideTrace(traceId, trace.spans, this.sampling);
      this.book.recordDecision(traceId, decision);
      this.sampler.decisions++;
      if (completions > 1) this.sampler.lateDecisions++;
      this.sampler.byReason[decision.reason]++;
      if (decision.keep) this.sampler.kept++;
      else this.sampler.dropped++;
      this.opts.store.markChanged(traceId);
      if (!decision.keep) continue;
      for (const target of this.targets) {
        if (!target.enabled) continue;
        const job = this.autoJob(traceId, trace.spans, target.id);
        if (!job) continue;
        let jobs = work.get(target.id);
        if (!jobs) work.set(target.id, (jobs = []));
        jobs.push(job);
      }
    }
    // An error here leaves the trace 'not-sent' for that target, which its status shows.
    for (const [targetId, jobs] of work) await this.sendJobs(this.target(targetId)!, jobs);
  }

  /**
   * What this target has not had of the trace — all of it, or (after a late decision) the late spans —
   * reserved so the next completion does not send it twice; null when there is nothing to send.
   */
  private autoJob(traceId: string, spans: readonly Span[], targetId: string): SendJob | null {
    const rec = this.book.peek(traceId, targetId);
    // Sent by hand already (POST /forward): that send covered the trace.
    if (rec && (rec.sends > 0 || rec.inFlight > 0) && !rec.autoSentSpans) return null;
    const fresh = rec?.autoSentSpans ? spans.filter((s) => !rec.autoSentSpans!.has(s.spanId)) : spans;
    if (fresh.length === 0) return null;
    const r = this.book.target(traceId, targetId);
    r.autoSentSpans ??= new Set();
    for (const s of fresh) r.autoSentSpans.add(s.spanId);
    r.inFlight++;
    return { traceId, spans: fresh, generation: r.generation };
  }

  /** GET /api/v1/sampling/simulate: what the rules would keep of the traces held now. */
  simulate(patch: unknown | undefined, limit = 100): SamplingSimulateResponse {
    let rules = this.sampling;
    if (patch !== undefined) {
      const r = validateSamplingRules(patch, this.sampling);
      if (r.errors.length) throw new ForwardingError(400, `bad parameter 'rules': ${r.errors.join('; ')}`);
      rules = r.rules;
    }
    const byReason = zeroReasons();
    const decisions: SamplingSimulateResponse['decisions'] = [];
    let kept = 0;
    let total = 0;
    for (const traceId of this.opts.store.traceIds()) {
      const spans = this.opts.store.getSpans(traceId);
      if (!spans) continue;
      const d = decideTrace(traceId, spans, rules);
      total++;
      byReason[d.reason]++;
      if (d.keep) kept++;
      if (decisions.length < limit) decisions.push({ traceId, ...d });
    }
    return { rules: { ...rules }, total, kept, dropped: total - kept, byReason, decisions };
  }

  close(): void {
    if (this.completedTimer) clearImmediate(this.completedTimer);
    this.completedTimer = null;
    for (const d of this.disposers.splice(0)) d();
  }
}
