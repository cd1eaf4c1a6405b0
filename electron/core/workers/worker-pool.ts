// A small pool of worker threads for input-sized CPU work (Sentry previews of big traces, the forwarding
// mapper, imports): the event loop that serves the receivers and the API only posts the input and gets
// the result, so one heavy request never delays the others.
//
//   const pool = new WorkerPool({ size: 2 });
//   const bytes = await pool.run('sentry-preview', { spans, request, cut });  // types from tasks.ts
//   await pool.close();
//
// Workers start on first use and are replaced if one dies (its job fails with WorkerTaskError). Jobs wait
// in a bounded queue: past `maxQueued` run() fails fast with WorkerPoolBusyError (the API answers 503).
// The worker entry is task-worker.js next to this file in dist/; when running from TypeScript sources
// (vitest, tsx) it is task-worker.ts, loaded through tsx's loader registered inside the worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './task-worker.js';
import type { TaskInput, TaskName, TaskOutput } from './tasks.js';

/** A task failed in the worker (or the worker died): `name` is the original error's class name. */
export class WorkerTaskError extends Error {
  constructor(
    readonly taskName: string,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

export class WorkerPoolBusyError extends Error {
  constructor(readonly queued: number) {
    super(`the worker pool is busy (${queued} jobs waiting); retry shortly`);
    this.name = 'WorkerPoolBusyError';
  }
}

interface WorkerPoolOptions {
  /** Worker threads (default: CPU cores - 1, at least 1, at most 4). */
  size?: number;
  /** Jobs allowed to wait for a worker (default 64). */
  maxQueued?: number;
}

interface Job {
  request: TaskRequest;
  resolve(output: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** How to start a worker from here: the compiled .js sibling, or the .ts one through tsx. */
function workerSource(): { filename: string | URL; eval: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './task-worker.ts' : './task-worker.js', import.meta.url);
  if (!fromSource) return { filename: entry, eval: false };
  // tsx's ESM API, resolved from this package's node_modules (a dev dependency: only sources need it).
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return { filename: code, eval: true };
}

export class WorkerPool {
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, Math.max(1, availableParallelism() - 1)));
    this.maxQueued = options.maxQueued ?? 64;
  }

  /** Runs the named task on a worker; resolves to its output (a Uint8Array arrives without a copy). */
  run<N extends TaskName>(name: N, input: TaskInput<N>): Promise<TaskOutput<N>> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<unknown>((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, name, input }, resolve, reject };
      const free = this.freeSlot();
      if (free) return this.start(free, job);
      if (this.queue.length >= this.maxQueued) return reject(new WorkerPoolBusyError(this.queue.length));
      this.queue.push(job);
    }) as Promise<TaskOutput<N>>;
  }

  /** Stops every worker; jobs still running or waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const gone = new Error('the worker pool closed before the job finished');
    for (const job of this.queue.splice(0)) job.reject(gone);
    const slots = this.slots.splice(0);
    for (const s of slots) s.job?.reject(gone);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((s) => s.job === null);
    if (idle) return idle;
    if (this.slots.length < this.size) {
      const slot = this.spawn();
      this.slots.push(slot);
      return slot;
    }
    return undefined;
  }

  private spawn(): Slot {
    const src = workerSource();
    const worker = new Worker(src.filename, { eval: src.eval });
    // An idle worker must not keep the process alive (the CLI exits when its servers close).
    worker.unref();
    const slot: Slot = { worker, job: null };
    worker.on('message', (reply: TaskReply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      slot.job = null;
      worker.unref();
      if (reply.ok) job.resolve(reply.output);
      else job.reject(new WorkerTaskError(job.request.name, reply.error.name, reply.error.message));
      this.next(slot);
    });
    const fail = (message: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // already replaced or closed
      this.slots.splice(i, 1);
      const job = slot.job;
      slot.job = null;
      job?.reject(new WorkerTaskError(job.request.name, 'WorkerError', message));
      void worker.terminate();
      // Queued jobs get a fresh worker.
      const replacement = this.queue.length && !this.closed ? this.freeSlot() : undefined;
      if (replacement) this.next(replacement);
    };
    worker.on('error', (err) => fail(`the worker failed: ${err.message}`));
    worker.on('exit', (code) => fail(`the worker exited with code ${code}`));
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    // A worker with a job keeps the process alive until it answers.
    slot.worker.ref();
    slot.worker.postMessage(job.request);
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) this.start(slot, job);
  }
}
