// Free loopback ports, asked from the kernel (listen on port 0, read, close).
// A port can be taken again between close and Prosody's bind; all ports of one
// run are held open together so at least they never collide with each other.
import { createServer, Socket, type Server } from 'node:net';

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listen(host)));
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === 'string') throw new Error('no port from the kernel');
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Resolves when host:port accepts a TCP connection. */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.connect(port, host);
  });
}

/**
 * A listener of ours found its port taken. Ports from freePorts() are only free when asked: another
 * program (or another test process's stack) may bind one before our server does, and an outgoing
 * connection may get it as its local port (the kernel hands out the same ephemeral range for both).
 */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  readonly port: number;
  constructor(port: number, host: string) {
    super(`port ${port} on ${host} is already in use`);
    this.port = port;
  }
}

/** The port a start failed on because it was taken (PortInUseError, or Node's listen EADDRINUSE), anywhere in the cause chain. */
export function portInUse(err: unknown): number | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    const { code, port } = e as { code?: unknown; port?: unknown };
    if (code === 'EADDRINUSE' && typeof port === 'number') return port;
  }
  return undefined;
}
