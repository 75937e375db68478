// The whole demo stack (the same code as `npm start`) in a temp data folder on
// free ports, for one spec file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '../../scripts/stack/index.ts';

export interface TestStack extends Stack {
  /** Stops everything and removes the data folder. */
  close(): Promise<void>;
}

/**
 * `again`: the stack that was stopped (stop(), not close()) starts again on
 * its data folder and web port, as after a server restart: same accounts,
 * tokens and history, same URL for the browser. `settings`: more BLEEP_*
 * settings for this stack (a short duty shift, say).
 */
export async function startTestStack(
  again?: Stack,
  settings: Readonly<Record<string, string>> = {},
): Promise<TestStack> {
  const dataDir = again?.settings.dataDir ?? mkdtempSync(join(tmpdir(), 'bleep-e2e-'));
  const webPort = String(again?.settings.ports.web ?? 0);
  const stack = await startStack({
    env: { BLEEP_DATA_DIR: dataDir, BLEEP_WEB_PORT: webPort, BLEEP_LOG_LEVEL: 'warn', ...settings },
  });
  return {
    ...stack,
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function account(stack: Stack, user: string) {
  const a = stack.accounts.find((x) => x.user === user);
  if (!a) throw new Error(`no demo account ${user}`);
  return a;
}
