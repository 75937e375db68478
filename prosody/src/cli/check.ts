// Runs Prosody's own config checker on a rendered config in a private temp dir.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../apply/prosodyctl.ts';
import { renderConfig } from '../render.ts';
import type { Settings } from '../settings/types.ts';

/**
 * The data dir is swapped for the temp dir: prosodyctl opens the log files for
 * writing, and run as root it would leave a root-owned log in the real data
 * dir that Prosody (as user prosody) could then not write. The temp dir is
 * root's when we are root, so prosodyctl keeps to root for this read-only check.
 */
export async function checkWithProsodyctl(settings: Settings): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'prosody-config-check-'));
  try {
    const path = join(dir, 'prosody.cfg.lua');
    await writeFile(path, renderConfig({ ...settings, dataDir: dir }), { mode: 0o600 });
    return await checkConfig(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
