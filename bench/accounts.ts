// Extra accounts for a benchmark's peer client, made on the running stack's
// Prosody with prosodyctl (the runner's own account code), so the demo staff
// stay the demo staff. They are not in Bleep's directory: the peer does not
// need it.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '@bleep/prosody-config';
import { CONFIG_FILE } from '../prosody/src/render.ts';
import { createAccounts } from '../prosody/src/runner/accounts.ts';

export interface BenchAccount {
  readonly user: string;
  readonly password: string;
  readonly jid: string;
}

export async function addAccounts(settings: Settings, users: readonly string[]): Promise<BenchAccount[]> {
  const accounts = users.map((user) => ({ user, password: randomBytes(12).toString('base64url') }));
  // prosodyctl runs as whoever owns the data dir (the runner gave it to the `prosody` user when started as root).
  const owner = statSync(settings.dataDir);
  const runAs =
    process.getuid?.() === 0
      ? { uid: owner.uid, gid: owner.gid, runAsRoot: owner.uid === 0, description: '' }
      : { runAsRoot: false, description: '' };
  await createAccounts(join(settings.dataDir, CONFIG_FILE), settings.domain, accounts, runAs);
  return accounts.map((a) => ({ ...a, jid: `${a.user}@${settings.domain}` }));
}
