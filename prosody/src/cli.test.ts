import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderWithEnv, removeFolders, runCli } from './cli/run-cli.ts';
import { OVERLAY_FILE } from './settings/overlay.ts';
import { goodEnv } from './test-fixtures.ts';

afterAll(removeFolders);

describe('prosody-config CLI', () => {
  it('prints help', async () => {
    const r = await runCli('/', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: prosody-config <command>.*render \[--out FILE\]/s);
  });

  it('validate lists every problem and exits 1', async () => {
    const dir = await folderWithEnv({ ...goodEnv, BLEEP_FEDERATION: 'true', BLEEP_REGISTRATION: 'open' });
    const r = await runCli(dir, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 problems/);
    expect(r.stderr).toMatch(/BLEEP_FEDERATION: federation is not allowed/);
    expect(r.stderr).toMatch(/BLEEP_REGISTRATION: open registration/);
  });

  it('render refuses settings only the runner can complete, saying what to set', async () => {
    const dir = await folderWithEnv({ ...goodEnv, BLEEP_C2S_PORT: '0' });
    const r = await runCli(dir, ['render']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BLEEP_C2S_PORT: is 0 .* Set a fixed port, e\.g\. 5222/);
  });

  it('render prints the config, or writes it privately with --out', async () => {
    const dir = await folderWithEnv(goodEnv);
    const printed = await runCli(dir, ['render']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('VirtualHost "hospital.example"');
    const out = join(dir, 'prosody.cfg.lua');
    const written = await runCli(dir, ['render', '--out', out]);
    expect(written.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(printed.stdout);
    expect((await stat(out)).mode & 0o777).toBe(0o640);
  });

  it('reads the settings file named by --settings instead of ./.env', async () => {
    const dir = await folderWithEnv({ ...goodEnv, BLEEP_FEDERATION: 'true' });
    const other = await folderWithEnv(goodEnv);
    expect((await runCli(dir, ['validate'])).code).toBe(1);
    const r = await runCli(dir, ['render', '--settings', join(other, '.env')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VirtualHost "hospital.example"');
  });

  it("render (the docker entrypoint's start) keeps an admin's applied edits, and refuses an overlay key not editable", async () => {
    const dir = await folderWithEnv(goodEnv);
    await appendFile(join(dir, '.env'), `BLEEP_DATA_DIR=${dir}\n`);
    await writeFile(join(dir, OVERLAY_FILE), 'BLEEP_UPLOAD_MAX_BYTES="52428800"\n');
    const r = await runCli(dir, ['render']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('http_file_share_size_limit = 52428800');
    await writeFile(join(dir, OVERLAY_FILE), 'BLEEP_FEDERATION="true"\nBLEEP_DOMAIN="other.example"\n');
    const bad = await runCli(dir, ['render']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/BLEEP_DOMAIN: cannot be changed on a running server/);
    expect(bad.stderr).toMatch(/BLEEP_FEDERATION: federation is not allowed/);
  });

  it('rejects unknown commands with the usage', async () => {
    const r = await runCli('/', ['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"[\s\S]*Usage:/);
  });
});
