// Binds the API's request handler on every host (127.0.0.1 and ::1 by default) at one port, with the
// receivers' bindHosts (same port-0 handling, same PortInUseError). Open sockets (SSE streams, keep-alive)
// are destroyed on close so shutdown never waits for a browser tab.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { bindHosts, listenServer, type RunningServer } from '../net/listen.js';

export async function listenHttp(
  handler: RequestListener,
  hosts: readonly string[],
  port: number,
): Promise<RunningServer> {
  let servers: Server[] = [];
  const sockets = new Set<Socket>();
  const closeAll = async (): Promise<void> => {
    const closing = servers;
    servers = [];
    for (const s of sockets) s.destroy();
    await Promise.all(closing.map((s) => new Promise<void>((r) => s.close(() => r()))));
  };
  const bound = await bindHosts({
    hosts,
    port,
    protocol: 'UI',
    bind: async (host, p) => {
      const server = createServer(handler);
      server.on('connection', (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      const actual = await listenServer(server, host, p);
      servers.push(server);
      return actual;
    },
    reset: closeAll,
  });
  return { ...bound, close: closeAll };
}
