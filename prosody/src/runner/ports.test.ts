import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canConnect, freePorts } from './ports.ts';

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
