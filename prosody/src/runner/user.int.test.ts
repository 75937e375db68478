// As root, Prosody runs as user `prosody` when it can reach the data dir, and
// falls back to run_as_root when it cannot (e.g. a data dir under /root).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseSettings } from '../settings/load.ts';
import { prepareSettings, startProsody, startTestProsody, type RunningProsody } from './index.ts';
import { login } from './test-client.ts';

const root = process.getuid?.() === 0;
const running: RunningProsody[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of running) await p.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const owner = (pid: number) => execFileSync('ps', ['-o', 'user=', '-p', String(pid)], { encoding: 'utf8' }).trim();
const nurse = { user: 'nurse', password: 'nurse-password-1' };

it.skipIf(!root)('runs Prosody as user prosody when root starts it', async () => {
  const p = await startTestProsody({ accounts: [nurse] });
  running.push(p);
  expect(owner(p.pid)).toBe('prosody');
  await (await login(p.settings, nurse)).stop();
});

it.skipIf(!root)('falls back to root when the prosody user cannot reach the data dir', async () => {
  const closed = await mkdtemp(join(tmpdir(), 'bleep-closed-')); // mode 0700, root's
  dirs.push(closed);
  const dataDir = join(closed, 'data');
  await mkdir(dataDir);
  const r = parseSettings({ BLEEP_DATA_DIR: dataDir, BLEEP_COMPONENT_SECRET: 'user-test-secret-012345' }, dataDir);
  if (!r.ok) throw new Error('bad test settings');
  const progress: string[] = [];
  const p = await startProsody({
    settings: await prepareSettings(r.settings),
    accounts: [nurse],
    onProgress: (l) => progress.push(l),
  });
  running.push(p);
  expect(owner(p.pid)).toBe('root');
  expect(progress.join('\n')).toMatch(/as root \(the prosody user cannot reach the data dir\)/);
  await (await login(p.settings, nurse)).stop();
});
