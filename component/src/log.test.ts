import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from './log.ts';

it('never writes passwords, secrets or message bodies', () => {
  let out = '';
  const sink = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
  const log = createLogger('debug', sink);
  log.child({ service: 'x' }).info({ password: 'hunter2', secret: 's3cret', body: 'patient in bed 4' }, 'hello');
  expect(out).toContain('"service":"x"');
  expect(out).toContain('hello');
  for (const s of ['hunter2', 's3cret', 'patient in bed 4']) expect(out).not.toContain(s);
});
