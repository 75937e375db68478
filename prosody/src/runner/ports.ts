// Free loopback ports for our servers. They are free when chosen; the server binds later, in other code
// or another process (Prosody), so they are chosen where nothing else is handed ports and claimed for
// this process (port-claims.ts). A start that still finds one taken runs again (fresh-ports.ts).
import { randomInt } from 'node:crypto';
import { createServer, Socket, type Server } from 'node:net';
import { claimPort, portRange } from './port-claims.ts';

function listen(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const portOf = (s: Server) => {
  const addr = s.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port from the kernel');
  return addr.port;
};

/** Distinct ports, each claimed for this process and bindable on host when returned. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const range = portRange();
  const servers: Server[] = [];
  try {
    for (let tries = 0; servers.length < count; tries++) {
      if (tries > 100 * count) throw new Error(`no ${count} free ports between ${range?.low} and ${range?.high}`);
      if (!range) {
        servers.push(await listen(0, host)); // the kernel's choice, where it does not tell its range
        continue;
      }
      const port = randomInt(range.low, range.high + 1);
      if (!claimPort(port)) continue;
      // Claimed but listened on by some other program: skipped (the claim stays, harmless).
      const server = await listen(port, host).catch(() => undefined);
      if (server) servers.push(server);
    }
    return servers.map(portOf);
  } finally {
    // Held open together until here so one call never gives the same port twice.
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
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
