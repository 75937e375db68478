// prosodyctl against the running server's own config: `check config`, and `shell` commands through
// mod_admin_shell's socket in the data dir (https://prosody.im/doc/console). As root, prosodyctl runs as the
// owner of the data dir (the runner and the image give it to `prosody`), so it reads what Prosody reads; a
// data dir root owns (run_as_root) gets `--root`.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';

export interface Outcome {
  readonly ok: boolean;
  /** What prosodyctl printed, colours removed. */
  readonly output: string;
}

const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

function prosodyctl(configPath: string, dataDir: string, args: readonly string[]): Promise<Outcome & { code: number }> {
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? statSync(dataDir) : undefined;
  const root = owner && owner.uid === 0 ? ['--root'] : [];
  const ids = owner && owner.uid !== 0 ? { uid: owner.uid, gid: owner.gid } : {};
  return new Promise((resolve, reject) =>
    execFile('prosodyctl', [...root, '--config', configPath, ...args], { cwd: dataDir, ...ids }, (err, out, errOut) => {
      if (err && typeof err.code !== 'number')
        return reject(new Error(`could not run prosodyctl (${err.message}); is prosody installed?`));
      const output = `${out}${errOut}`.replace(ANSI, '').trim();
      resolve({ ok: !err, code: err ? Number(err.code) : 0, output });
    }),
  );
}

/** `prosodyctl check config` on the file Prosody reads. */
export async function checkConfig(configPath: string, dataDir: string): Promise<Outcome> {
  const r = await prosodyctl(configPath, dataDir, ['check', 'config']);
  return { ok: r.ok && r.output.includes('All checks passed'), output: r.output };
}

/** One admin shell command; its answer starts with "OK:" or "!" (mod_admin_shell). */
export async function shell(configPath: string, dataDir: string, args: readonly string[]): Promise<Outcome> {
  const r = await prosodyctl(configPath, dataDir, ['shell', ...args]);
  return { ok: r.ok && /^OK:/m.test(r.output) && !/^!/m.test(r.output), output: r.output };
}
