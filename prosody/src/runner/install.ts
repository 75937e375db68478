// Makes sure Prosody and the Lua database driver for the chosen storage are
// installed (Debian packages). As root it installs them; otherwise it says the
// exact command to run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Settings } from '../settings/types.ts';

const run = promisify(execFile);

const ALL = ['prosody', 'lua-dbi-sqlite3', 'lua-dbi-postgresql', 'prosody-modules'];

export function neededPackages(s: Settings): string[] {
  const driver = s.storage.kind === 'postgres' ? 'lua-dbi-postgresql' : 'lua-dbi-sqlite3';
  // prosody-modules carries mod_cloud_notify.
  return ['prosody', driver, 'prosody-modules'];
}

async function installed(pkg: string): Promise<boolean> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return stdout.includes('install ok installed');
  } catch {
    return false;
  }
}

async function hasCommand(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

async function aptInstall(onProgress: (line: string) => void): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', ...ALL], { env, maxBuffer: 64 << 20 });
  try {
    await install();
  } catch {
    onProgress('apt-get install failed; running apt-get update first');
    await run('apt-get', ['update'], { env, maxBuffer: 64 << 20 });
    await install();
  }
}

export async function ensureInstalled(s: Settings, onProgress: (line: string) => void): Promise<void> {
  const missing: string[] = [];
  for (const pkg of neededPackages(s)) if (!(await installed(pkg))) missing.push(pkg);
  const commands = (await hasCommand('prosody')) && (await hasCommand('prosodyctl'));
  if (missing.length === 0 && commands) return;
  const what = missing.length > 0 ? missing.join(', ') : 'the prosody and prosodyctl commands';
  if (process.getuid?.() !== 0)
    throw new Error(
      `Prosody is not fully installed (missing ${what}). Run as root:\n  apt-get update && apt-get install -y ${ALL.join(' ')}`,
    );
  onProgress(`installing ${ALL.join(' ')} with apt-get`);
  await aptInstall(onProgress);
}
