// Accounts are created before start and can be set again on the next start
// (npm start re-runs with the persisted demo passwords).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseSettings } from '../settings/load.ts';
import { prepareSettings, startProsody, type RunningProsody } from './index.ts';
import { login } from './test-client.ts';

let prosody: RunningProsody | undefined;
let dataDir = '';
afterAll(async () => {
  await prosody?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('creates accounts idempotently and updates a changed password on restart', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bleep-accounts-'));
  const r = parseSettings({ BLEEP_DATA_DIR: dataDir, BLEEP_COMPONENT_SECRET: 'accounts-test-secret-0123' }, dataDir);
  if (!r.ok) throw new Error('bad test settings');
  const settings = await prepareSettings(r.settings);

  prosody = await startProsody({ settings, accounts: [{ user: 'nurse', password: 'first-password' }] });
  await (await login(settings, { user: 'nurse', password: 'first-password' })).stop();
  await prosody.stop();

  prosody = await startProsody({
    settings,
    accounts: [
      { user: 'nurse', password: 'second-password' },
      { user: 'doctor', password: 'doc-pw-1' },
    ],
  });
  await expect(login(settings, { user: 'nurse', password: 'first-password' })).rejects.toThrow(/not-authorized/);
  await (await login(settings, { user: 'nurse', password: 'second-password' })).stop();
  await (await login(settings, { user: 'doctor', password: 'doc-pw-1' })).stop();
});

it('refuses an account name that is not a plain localpart', async () => {
  const r = parseSettings({ BLEEP_DATA_DIR: dataDir, BLEEP_COMPONENT_SECRET: 'accounts-test-secret-0123' }, dataDir);
  if (!r.ok) throw new Error('bad test settings');
  const settings = await prepareSettings(r.settings);
  await expect(startProsody({ settings, accounts: [{ user: 'eve@evil', password: 'x' }] })).rejects.toThrow(
    /not a plain lower-case localpart/,
  );
});
