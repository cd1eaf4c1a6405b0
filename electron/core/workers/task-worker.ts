// The worker thread's entry: runs one task per message from the pool (see tasks.ts) and posts its result
// or its error back. Errors travel as name + message: class identity does not survive the thread boundary.
import { parentPort } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks.js';

export interface TaskRequest {
  id: number;
  name: TaskName;
  input: unknown;
}

export type TaskReply =
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

const port = parentPort;
if (port) {
  port.on('message', (msg: TaskRequest) => {
    let reply: TaskReply;
    try {
      const task = TASKS[msg.name] as ((input: unknown) => unknown) | undefined;
      if (!task) throw new Error(`no worker task named ${JSON.stringify(msg.name)}`);
      reply = { id: msg.id, ok: true, output: task(msg.input) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { id: msg.id, ok: false, error: { name: err.name, message: err.message } };
    }
    port.postMessage(reply, transferable(reply.ok ? reply.output : undefined));
  });
}

/** A Uint8Array that owns its whole buffer moves without a copy (never a Buffer: those may share a pool). */
function transferable(out: unknown): ArrayBuffer[] {
  if (!(out instanceof Uint8Array) || Buffer.isBuffer(out)) return [];
  const buf = out.buffer;
  return buf instanceof ArrayBuffer && out.byteOffset === 0 && out.byteLength === buf.byteLength ? [buf] : [];
}
