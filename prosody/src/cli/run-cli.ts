// Test helper: runs the real CLI in a folder holding the given .env.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

const folders: string[] = [];

export async function folderWithEnv(env: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prosody-config-cli-'));
  folders.push(dir);
  await writeFile(
    join(dir, '.env'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  return dir;
}

export function runCli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only PATH: the developer's BLEEP_* variables must not leak in. process.execPath is Node 24 here.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { cwd, env }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

export async function removeFolders(): Promise<void> {
  await Promise.all(folders.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
