// An apply while Prosody is stopped: the edit is written and checked, nothing to reload, and Prosody starts
// with it (issue #13 part 5: a restart keeps the edited settings).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeConfig } from '../config-file.ts';
import { CONFIG_FILE, renderConfig } from '../render.ts';
import { startProsody, testSettings, type RunningProsody } from '../runner/index.ts';
import { login, xml } from '../runner/test-client.ts';
import { loadSettings } from '../settings/load.ts';
import { runtimeEnv, writeRuntime } from '../settings/runtime.ts';
import { applyEdit } from './apply.ts';
import { envOf } from './test-env.ts';

let prosody: RunningProsody | undefined;
afterAll(() => prosody?.stop());

it('writes and checks an edit while Prosody is stopped, says so, and Prosody starts with it', async () => {
  const s = await testSettings();
  const configPath = join(s.dataDir, CONFIG_FILE);
  // As a previous start left it: the config, its rendered copy and the ports chosen; no Prosody running.
  await writeConfig(configPath, renderConfig(s), renderConfig(s));
  await writeRuntime(s);
  const r = await applyEdit({
    base: envOf(s),
    cwd: s.dataDir,
    edits: { BLEEP_UPLOAD_MAX_BYTES: '1000' },
    handEdits: 'refuse',
    note: 'test',
  });
  expect(r.ok && r.reloaded).toBe(false);
  expect(r.ok && r.changed).toEqual(['BLEEP_UPLOAD_MAX_BYTES']);
  expect(await readFile(configPath, 'utf8')).toContain('http_file_share_size_limit = 1000');

  const loaded = loadSettings({ cwd: s.dataDir, env: { ...envOf(s), ...runtimeEnv(s) }, envFile: '/nonexistent' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const alice = { user: 'alice', password: 'alice-password' };
  prosody = await startProsody({ settings: loaded.settings, accounts: [alice] });
  const client = await login(prosody.settings, alice);
  const request = xml('request', { xmlns: 'urn:xmpp:http:upload:0', filename: 'scan.pdf', size: '2000' });
  await expect(
    client.iqCaller.request(xml('iq', { type: 'get', to: prosody.settings.shareHost }, request)),
  ).rejects.toThrow(/too large|not-acceptable/i);
  await client.stop();
});
