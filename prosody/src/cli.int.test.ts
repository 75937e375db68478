// `prosody-config check` runs the real prosodyctl on the rendered config.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { folderWithEnv, removeFolders, runCli } from './cli/run-cli.ts';
import { makeSelfSigned } from './runner/tls.ts';
import { goodEnv } from './test-fixtures.ts';

afterAll(removeFolders);

it('check passes a good config through prosodyctl without touching the data dir', async () => {
  const dir = await folderWithEnv({});
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  await makeSelfSigned({ key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem'), cn: 'hospital.example', days: 1 });
  const env = await folderWithEnv({
    ...goodEnv,
    BLEEP_DATA_DIR: dataDir,
    BLEEP_TLS_CERT: join(dir, 'cert.pem'),
    BLEEP_TLS_KEY: join(dir, 'key.pem'),
  });
  const r = await runCli(env, ['check']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/Prosody accepts the rendered config/);
  expect(r.code).toBe(0);
  expect(await readdir(dataDir)).toEqual([]);
});

it('check reports a missing data dir and certificate files', async () => {
  const env = await folderWithEnv({ ...goodEnv, BLEEP_DATA_DIR: '/nonexistent/bleep' });
  const r = await runCli(env, ['check']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/BLEEP_DATA_DIR: \/nonexistent\/bleep does not exist/);
  expect(r.stderr).toMatch(/BLEEP_TLS_CERT: \/etc\/bleep\/tls\/cert.pem does not exist/);
});
