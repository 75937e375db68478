import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { listensOn } from './listening.ts';
import { freePorts } from './ports.ts';

it.runIf(process.platform === 'linux')('tells whether this process, not just anyone, listens on a port', async () => {
  const [mine, nobody] = await freePorts(2);
  const server = createServer();
  await new Promise<void>((r) => server.listen(mine, '127.0.0.1', r));
  expect(listensOn(process.pid, mine!)).toBe(true);
  expect(listensOn(process.pid, nobody!)).toBe(false);
  expect(listensOn(1, mine!)).toBe(false); // init does not hold our socket
  await new Promise((r) => server.close(r));
  expect(listensOn(process.pid, mine!)).toBe(false);
});
