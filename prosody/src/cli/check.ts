// Runs Prosody's own config checker on a rendered config in a private temp dir.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderConfig } from '../render.ts';
import type { Settings } from '../settings/types.ts';

/**
 * The data dir is swapped for the temp dir: prosodyctl opens the log files for
 * writing, and run as root it would leave a root-owned log in the real data
 * dir that Prosody (as user prosody) could then not write.
 */
export async function checkWithProsodyctl(settings: Settings): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'prosody-config-check-'));
  try {
    const path = join(dir, 'prosody.cfg.lua');
    await writeFile(path, renderConfig({ ...settings, dataDir: dir }), { mode: 0o600 });
    // As root, prosodyctl switches to the prosody user, who cannot read this
    // private temp dir; --root keeps it as root for this read-only check.
    const root = process.getuid?.() === 0 ? ['--root'] : [];
    return await new Promise((resolve, reject) =>
      execFile('prosodyctl', [...root, '--config', path, 'check', 'config'], { cwd: dir }, (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number')
          return reject(new Error(`could not run prosodyctl (${err.message}); is prosody installed?`));
        const output = `${stdout}${stderr}`.trim();
        resolve({ ok: !err && output.includes('All checks passed'), output });
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
