// Test support: the .env a hospital would have written for a runner Prosody started by testSettings(); the
// ports and certificate the runner chose come from its settings-runtime.env.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../settings/types.ts';

export function envOf(s: Settings): Record<string, string> {
  return {
    BLEEP_DOMAIN: s.domain,
    BLEEP_ADMINS: s.admins.join(','),
    BLEEP_DATA_DIR: s.dataDir,
    BLEEP_COMPONENT_SECRET: s.componentSecret,
    ...(s.storage.kind === 'postgres' ? { BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: s.storage.url } : {}),
  };
}

/**
 * Writes envOf(s) and `more` (the other BLEEP_* values it was started with) into the data dir, readable by
 * Prosody's user; its path, for startProsody's settingsEnvFile.
 */
export async function writeTestEnv(s: Settings, more: Readonly<Record<string, string>> = {}): Promise<string> {
  const path = join(s.dataDir, 'test-settings.env');
  const lines = Object.entries({ ...more, ...envOf(s) }).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  await writeFile(path, lines.join('\n') + '\n', { mode: 0o644 });
  return path;
}
