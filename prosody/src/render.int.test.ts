// The rendered config passes Prosody's own checker (a real prosodyctl).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { renderConfig } from './render.ts';
import { prepareSettings } from './runner/prepare.ts';
import { settingsFrom } from './test-fixtures.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it.each(['sqlite', 'postgres'])('renders a %s config that `prosodyctl check config` accepts', async (storage) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'bleep-render-'));
  dirs.push(dataDir);
  const base = settingsFrom({
    BLEEP_DATA_DIR: dataDir,
    BLEEP_TLS_CERT: '',
    BLEEP_TLS_KEY: '',
    BLEEP_STORAGE: storage,
    BLEEP_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bleep',
  });
  const s = await prepareSettings(base);
  const path = join(dataDir, 'prosody.cfg.lua');
  // run_as_root: prosodyctl would otherwise switch to the prosody user, who cannot read this temp dir.
  await writeFile(path, renderConfig(s, { runAsRoot: process.getuid?.() === 0 }));
  const { stdout } = await run('prosodyctl', ['--config', path, 'check', 'config']);
  expect(stdout).toContain('All checks passed');
});
