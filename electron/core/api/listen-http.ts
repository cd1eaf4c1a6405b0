// Binds one request handler on several hosts (127.0.0.1 and ::1 by default) at one port. Port 0 picks a
// free port on the first host and reuses it on the others, so every address shares one port.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpListeners {
  port: number;
  /** host:port for each bound host, IPv6 in brackets. */
  addresses: string[];
  close(): Promise<void>;
}

export class ApiPortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(`port ${port} is already in use on ${host}`);
    this.name = 'ApiPortInUseError';
  }
}

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function listenOne(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}

export async function listenHttp(
  handler: RequestListener,
  hosts: readonly string[],
  port: number,
): Promise<HttpListeners> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const addresses: string[] = [];
  let bound = port;
  const closeAll = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
  for (const host of hosts) {
    const server = createServer(handler);
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    try {
      bound = await listenOne(server, host, bound);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A machine without IPv6 has no ::1: serve on the other loopback address rather than fail.
      if ((err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT') && host === '::1' && hosts.length > 1)
        continue;
      await closeAll();
      if (err.code === 'EADDRINUSE') throw new ApiPortInUseError(bound, host);
      throw err;
    }
    servers.push(server);
    addresses.push(formatHostPort(host, bound));
  }
  return { port: bound, addresses, close: closeAll };
}
