// The component as its own process (docker's CMD): refuses bad settings with
// every problem listed, connects with good ones, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { afterAll, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');
const cwd = mkdtempSync(join(tmpdir(), 'bleep-main-')); // no .env here
let prosody: RunningProsody | undefined;
afterAll(async () => {
  await prosody?.stop();
  rmSync(cwd, { recursive: true, force: true });
});

function run(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH!, ...env } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const seen = until
    ? new Promise<void>((r, j) => {
        const t = setInterval(() => until.test(out) && (clearInterval(t), r()), 50);
        void exited.then(() => (clearInterval(t), j(new Error(`exited early:\n${out}`))));
      })
    : Promise.resolve();
  return { child, exited, seen, out: () => out };
}

it('exits 1 before connecting, listing every problem in the settings', async () => {
  const p = run({ BLEEP_DOMAIN: 'not a domain', BLEEP_COMPONENT_SECRET: '', BLEEP_FEDERATION: 'true' });
  expect(await p.exited).toBe(1);
  expect(p.out()).toMatch(/BLEEP_DOMAIN/);
  expect(p.out()).toMatch(/BLEEP_COMPONENT_SECRET/);
  expect(p.out()).toMatch(/BLEEP_FEDERATION/);
});

it('connects to Prosody and stops cleanly on SIGTERM, logging no secret', async () => {
  prosody = await startTestProsody();
  const s = prosody.settings;
  const p = run(
    {
      BLEEP_DOMAIN: s.domain,
      BLEEP_ADMINS: s.admins.join(','),
      BLEEP_DATA_DIR: join(cwd, 'data'),
      BLEEP_COMPONENT_PORT: String(s.ports.component),
      BLEEP_COMPONENT_SECRET: s.componentSecret,
      ...(s.storage.kind === 'postgres' ? { BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: s.storage.url } : {}),
    },
    /connected to Prosody/,
  );
  await p.seen;
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
  expect(p.out()).toMatch(/"msg":"stopping"/);
  expect(p.out()).not.toContain(s.componentSecret);
});
