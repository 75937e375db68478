import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canConnect, freePorts, PortInUseError, portInUse } from './ports.ts';

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
