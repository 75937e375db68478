// The runner leaves no Prosody behind when its parent process dies.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./orphan-fixture.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the fixture and resolves with its own and its Prosody's PID. */
function startParent(): Promise<{ parent: number; prosody: number; dataDir: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
    child.stdout.once('data', (d: Buffer) => {
      const { pid, dataDir } = JSON.parse(d.toString()) as { pid: number; dataDir: string };
      resolve({ parent: child.pid!, prosody: pid, dataDir });
    });
  });
}

async function goneWithin(pid: number, ms: number): Promise<number> {
  const t0 = Date.now();
  while (alive(pid)) {
    if (Date.now() - t0 > ms) return -1;
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

describe('no orphan Prosody', () => {
  it('stops Prosody when the parent gets SIGTERM', async () => {
    const { parent, prosody } = await startParent();
    expect(alive(prosody)).toBe(true);
    process.kill(parent, 'SIGTERM');
    expect(await goneWithin(prosody, 5_000)).toBeGreaterThanOrEqual(0);
  });

  it('stops Prosody within about a second when the parent is SIGKILLed', async () => {
    const { parent, prosody, dataDir } = await startParent();
    process.kill(parent, 'SIGKILL');
    expect(await goneWithin(prosody, 5_000)).toBeGreaterThanOrEqual(0);
    rmSync(dataDir, { recursive: true, force: true }); // nobody was left to remove it
  });
});
