// `prosody-config settings show | diff | apply` against a running Prosody, as an admin would type them.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { envOf } from '../apply/test-env.ts';
import { startTestProsody, type RunningProsody } from '../runner/index.ts';
import { folderWithEnv, removeFolders, runCli } from './run-cli.ts';

let prosody: RunningProsody;
let dir: string;

beforeAll(async () => {
  prosody = await startTestProsody();
  dir = await folderWithEnv(envOf(prosody.settings));
});
afterAll(async () => {
  await prosody?.stop();
  await removeFolders();
});

it('shows the editable settings with where each value comes from', async () => {
  const r = await runCli(dir, ['settings', 'show']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    'BLEEP_ADMINS=admin@bleep.localhost\n    Server admins (bare JIDs, comma-separated) (.env)',
  );
  expect(r.stdout).toContain('BLEEP_UPLOAD_MAX_BYTES=104857600\n    Largest upload, in bytes (default)');
});

it('diff previews a change without applying it; refusals give the reason and exit 1', async () => {
  const before = await readFile(prosody.configPath, 'utf8');
  const r = await runCli(dir, ['settings', 'diff', 'BLEEP_ARCHIVE_EXPIRY_DAYS=30']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('+archive_expires_after = "30d"');
  expect(r.stdout).toContain('+  muc_log_expires_after = "30d"');
  expect(await readFile(prosody.configPath, 'utf8')).toBe(before);
  const refused = await runCli(dir, ['settings', 'apply', 'BLEEP_FEDERATION=yes']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/BLEEP_FEDERATION: federation is not allowed/);
});

it('apply reloads Prosody with the change, and show then says it was edited', async () => {
  const r = await runCli(dir, ['settings', 'apply', 'BLEEP_ARCHIVE_EXPIRY_DAYS=30', 'BLEEP_REGISTRATION=closed']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^Applied: BLEEP_ARCHIVE_EXPIRY_DAYS, BLEEP_REGISTRATION\. Prosody reloaded/);
  expect(r.stdout).toContain('Takes effect at the next restart: BLEEP_REGISTRATION.');
  expect(await readFile(prosody.configPath, 'utf8')).toContain('archive_expires_after = "30d"');
  const shown = await runCli(dir, ['settings', 'show']);
  expect(shown.stdout).toContain('BLEEP_ARCHIVE_EXPIRY_DAYS=30\n    Days message history is kept (edited)');
});

it('--json gives programs the same results: the settings, and an apply refused with its reasons', async () => {
  const shown = await runCli(dir, ['settings', 'show', '--json']);
  expect(JSON.parse(shown.stdout).settings).toContainEqual({
    key: 'BLEEP_ARCHIVE_EXPIRY_DAYS',
    label: 'Days message history is kept',
    value: '30',
    source: 'edited',
  });
  const refused = await runCli(dir, ['settings', 'apply', '--json', 'BLEEP_REGISTRATION=open']);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout)).toMatchObject({
    ok: false,
    stage: 'refused',
    problems: [{ setting: 'BLEEP_REGISTRATION', message: expect.stringMatching(/open registration/) }],
  });
});
