// The demo staff: one account per role, so a hospital can try every view.
// Passwords are random per data folder (never fixed strings that could end up
// on a real server) and kept in <dataDir>/demo-accounts.json, mode 0600.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoAccount {
  readonly user: string;
  readonly password: string;
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
}

const PEOPLE = [
  { user: 'admin', name: 'Alex Morgan', roles: ['admin'], department: 'IT' },
  { user: 'dispatcher', name: 'Dana Reyes', roles: ['dispatcher'], department: 'Dispatch' },
  { user: 'doctor1', name: 'Dr Amara Okafor', roles: ['doctor', 'cardiology'], department: 'Cardiology' },
  { user: 'doctor2', name: 'Dr Jonas Weber', roles: ['doctor', 'anaesthesia'], department: 'Anaesthesia' },
  { user: 'nurse', name: 'Priya Shah', roles: ['nurse'], department: 'Emergency' },
] as const;

/** Reads the persisted demo passwords, making any that are missing. */
export function demoAccounts(dataDir: string, domain: string): DemoAccount[] {
  const file = join(dataDir, 'demo-accounts.json');
  const saved: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const accounts = PEOPLE.map((p) => ({
    ...p,
    roles: [...p.roles],
    jid: `${p.user}@${domain}`,
    password: saved[p.user] ?? randomBytes(12).toString('base64url'),
  }));
  writeFileSync(file, JSON.stringify(Object.fromEntries(accounts.map((a) => [a.user, a.password])), null, 2), {
    mode: 0o600,
  });
  return accounts;
}
