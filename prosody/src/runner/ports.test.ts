import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { portRange } from './port-claims.ts';
import { canConnect, freePorts, PortInUseError, portInUse } from './ports.ts';

const CHILD = fileURLToPath(new URL('./test-ports-child.ts', import.meta.url));

describe('freePorts', () => {
  it('gives distinct, bindable loopback ports', async () => {
    const ports = await freePorts(4);
    expect(new Set(ports).size).toBe(4);
    for (const p of ports) expect(p).toBeGreaterThan(1023);
    const server = createServer();
    await new Promise<void>((r) => server.listen(ports[0], '127.0.0.1', r));
    expect(await canConnect(ports[0]!)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await canConnect(ports[0]!)).toBe(false);
  });

  it('never gives one port to two processes asking at once (test stacks of parallel files)', async () => {
    // Four processes, each as twenty stacks of five ports: with the kernel's port 0 they shared about ten.
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const runs = await Promise.all(
      children.map((c) => once(createInterface({ input: c.stdout! }), 'line').then(([line]) => JSON.parse(line))),
    );
    for (const c of children) c.stdin!.end(); // all four were alive, holding their ports, until here
    const all: number[] = runs.flat();
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    const range = portRange();
    // and none from the range the kernel gives outgoing connections their local port from
    if (range) for (const p of all) expect(p).toBeLessThanOrEqual(range.high);
  });
});

describe('portInUse', () => {
  it("finds the taken port of a listen that failed, through errors that wrap it (the component's HTTP start)", async () => {
    const [port] = await freePorts(1);
    const first = createServer();
    await new Promise<void>((r) => first.listen(port, '127.0.0.1', r));
    const second = createServer();
    const err = await new Promise<Error>((r) => second.once('error', r).listen(port, '127.0.0.1'));
    await new Promise((r) => first.close(r));
    expect(portInUse(new Error('The component could not listen', { cause: err }))).toBe(port);
    expect(portInUse(new PortInUseError(port!, '127.0.0.1'))).toBe(port);
    expect(portInUse(new Error('no answer'))).toBeUndefined();
  });
});
