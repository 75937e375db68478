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

export async function startTestStack(): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bleep-e2e-'));
  const stack = await startStack({
    env: { BLEEP_DATA_DIR: dataDir, BLEEP_WEB_PORT: '0', BLEEP_LOG_LEVEL: 'warn' },
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
