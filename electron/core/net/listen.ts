// Binding one service on several addresses (127.0.0.1 and ::1 by default) on one port. Port 0 lets the OS
// pick for the first address and the others reuse it; an address family the machine lacks (no IPv6 →
// EADDRNOTAVAIL/EAFNOSUPPORT on ::1) is skipped quietly; a port in use becomes one PortInUseError the CLI
// can print as a single line.
import type { Server } from 'node:net';

export const DEFAULT_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

/** A server bound by bindHosts: the OTLP receivers and the local API server. */
export interface RunningServer {
  port: number;
  /** Every bound address, HOST:PORT (IPv6 in brackets). */
  addresses: string[];
  /** Stops accepting, lets in-flight requests finish briefly, then cuts the rest. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly protocol: string,
  ) {
    super(`${protocol} port ${port} is already in use on ${host}`);
    this.name = 'PortInUseError';
  }
}

/** "127.0.0.1:4318" or "[::1]:4318". */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Binds one address; resolves with the port actually bound. */
type BindOne = (host: string, port: number) => Promise<number>;

interface BoundAddresses {
  port: number;
  /** Every bound address, as HOST:PORT. */
  addresses: string[];
}

function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return `${String(e?.code ?? '')} ${String(e?.message ?? err)}`;
}

const isInUse = (err: unknown) => /EADDRINUSE|address already in use/i.test(errorText(err));
const isUnavailable = (err: unknown) =>
  /EADDRNOTAVAIL|EAFNOSUPPORT|address not available/i.test(errorText(err));

/**
 * Binds every host on one port. `reset` undoes the binds made so far (used to retry when the port the OS
 * picked for the first host turns out to be taken on another: only possible with port 0).
 */
export async function bindHosts(opts: {
  hosts: readonly string[];
  port: number;
  protocol: string;
  bind: BindOne;
  reset: () => Promise<void>;
}): Promise<BoundAddresses> {
  const { hosts, port, protocol, bind, reset } = opts;
  if (hosts.length === 0) throw new Error(`${protocol}: no host to listen on`);
  for (let attempt = 0; ; attempt++) {
    let actual = port;
    const addresses: string[] = [];
    const skipped: string[] = [];
    try {
      for (const host of hosts) {
        try {
          actual = await bind(host, actual);
          addresses.push(formatHostPort(host, actual));
        } catch (err) {
          if (isInUse(err)) throw new PortInUseError(actual, host, protocol);
          // A loopback family the machine lacks is not an error; any other address the user asked for is.
          if (isUnavailable(err) && host === '::1') {
            skipped.push(host);
            continue;
          }
          throw err;
        }
      }
    } catch (err) {
      await reset();
      if (err instanceof PortInUseError && port === 0 && addresses.length > 0 && attempt < 5) continue;
      throw err;
    }
    if (addresses.length === 0) {
      await reset();
      throw new Error(`${protocol}: none of ${hosts.join(', ')} is available on this machine`);
    }
    return { port: actual, addresses };
  }
}

/** listen() as a promise for node:net/http servers, failing with the listen error instead of emitting it. */
export function listenServer(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}
