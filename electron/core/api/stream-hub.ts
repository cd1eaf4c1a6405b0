// The live update stream (Server-Sent Events). One store subscription is shared by every client; changes
// are flushed at most every FLUSH_MS (so at most 4 delta messages a second, however fast spans arrive),
// and a stats-only delta goes out once a second when nothing else did, so rates and counters stay live.
import type { ServerResponse } from 'node:http';
import type { StatsResponse, StreamMessage } from '../../../shared/api/contract.js';
import type { SpanStore } from '../store/span-store.js';
import type { ChangeFeed } from '../store/change-feed.js';

export interface StreamHubOptions {
  flushMs?: number;
  statsEveryMs?: number;
  keepAliveMs?: number;
  /** A client whose unsent output passes this is too slow to keep up and is disconnected. */
  maxBufferedBytes?: number;
  /**
   * Summaries per delta at most. When thousands of traces change at once (a burst, or a whole window of
   * traces turning complete together) the rest follow in the next flushes, so no single message costs the
   * UI a long task.
   */
  maxUpsertedPerDelta?: number;
}

export class StreamHub {
  private readonly clients = new Set<ServerResponse>();
  private feed: ChangeFeed | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private lastSentAt = 0;
  private lastKeepAliveAt = 0;
  private readonly flushMs: number;
  private readonly statsEveryMs: number;
  private readonly keepAliveMs: number;
  private readonly maxBufferedBytes: number;
  private readonly maxUpsertedPerDelta: number;
  private closed = false;

  constructor(
    private readonly store: SpanStore,
    private readonly stats: () => StatsResponse,
    options: StreamHubOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 250;
    this.statsEveryMs = options.statsEveryMs ?? 1000;
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024;
    this.maxUpsertedPerDelta = options.maxUpsertedPerDelta ?? 2000;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Takes over the response: SSE headers, `hello`, then deltas until the client goes or close(). */
  attach(res: ServerResponse): void {
    if (this.closed) {
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error":"shutting down"}');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    const drop = (): void => this.detach(res);
    res.on('close', drop);
    res.on('error', drop);
    if (this.feed === null) this.feed = this.store.subscribe(() => this.scheduleFlush());
    if (this.ticker === null) {
      this.ticker = setInterval(() => this.tick(), Math.min(this.statsEveryMs, this.keepAliveMs));
      this.ticker.unref();
    }
    this.send(res, { type: 'hello', stats: this.stats() });
  }

  private detach(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    if (!res.writableEnded) res.end();
    if (this.clients.size === 0) this.stopWatching();
  }

  private stopWatching(): void {
    // Nobody is listening: stop collecting changes (the next client starts from `hello` + a fresh list).
    this.feed?.close();
    this.feed = null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null || this.closed) return;
    const wait = Math.max(0, this.lastSentAt + this.flushMs - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, wait);
    this.flushTimer.unref();
  }

  /** Sends what changed since the last flush (a `cleared` first if the store was cleared). */
  flush(): void {
    if (this.feed === null) return;
    const changes = this.feed.take(this.maxUpsertedPerDelta);
    const stats = this.stats();
    if (changes.cleared) this.broadcast({ type: 'cleared', stats });
    if (!changes.cleared || changes.upserted.length || changes.removed.length)
      this.broadcast({ type: 'delta', upserted: changes.upserted, removed: changes.removed, stats });
    if (changes.more) this.scheduleFlush();
  }

  private tick(): void {
    const now = Date.now();
    if (this.flushTimer === null && now - this.lastSentAt >= this.statsEveryMs) {
      this.broadcast({ type: 'delta', upserted: [], removed: [], stats: this.stats() });
    }
    if (now - this.lastKeepAliveAt >= this.keepAliveMs) {
      this.lastKeepAliveAt = now;
      for (const res of this.clients) this.write(res, ': keep-alive\n\n');
    }
  }

  private broadcast(msg: StreamMessage): void {
    this.lastSentAt = Date.now();
    if (this.clients.size === 0) return;
    const frame = `data: ${JSON.stringify(msg)}\n\n`;
    for (const res of this.clients) this.write(res, frame);
  }

  private send(res: ServerResponse, msg: StreamMessage): void {
    this.write(res, `data: ${JSON.stringify(msg)}\n\n`);
  }

  private write(res: ServerResponse, text: string): void {
    if (res.writableLength > this.maxBufferedBytes) {
      res.destroy();
      this.detach(res);
      return;
    }
    res.write(text);
  }

  close(): void {
    this.closed = true;
    for (const res of [...this.clients]) this.detach(res);
    this.stopWatching();
  }
}
