// Test support: the .env a hospital would have written for a runner Prosody started by testSettings(); the
// ports and certificate the runner chose come from its settings-runtime.env.
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
