// Creates accounts before Prosody starts, idempotently, with prosodyctl
// (about 75 ms each). Passwords go through stdin, never argv (visible in `ps`)
// and never into a log line.
import { spawn } from 'node:child_process';
import type { RunAs } from './user.ts';

export interface Account {
  /** Localpart only: "alice", not "alice@domain". */
  user: string;
  password: string;
}

// RFC 7622 localparts can hold more, but account names here come from our own
// seeds and tests; refusing odd ones keeps prosodyctl's argv unambiguous.
const LOCALPART = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function prosodyctl(
  configPath: string,
  args: string[],
  stdin: string,
  runAs: RunAs,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('prosodyctl', ['--config', configPath, ...args], {
      uid: runAs.uid,
      gid: runAs.gid,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
    child.stdin.end(stdin);
  });
}

// prosodyctl colours its prompts; keep only printable text in error messages.
function stripAnsi(text: string): string {
  return text.replace(new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g'), '');
}

/** Sets the password of user@domain, creating the account if needed. */
async function upsert(configPath: string, domain: string, a: Account, runAs: RunAs): Promise<void> {
  if (!LOCALPART.test(a.user)) throw new Error(`account name "${a.user}" is not a plain lower-case localpart`);
  if (/[\r\n]/.test(a.password) || a.password.length === 0)
    throw new Error(`password of ${a.user} must be one non-empty line`);
  const jid = `${a.user}@${domain}`;
  const twice = `${a.password}\n${a.password}\n`;
  let r = await prosodyctl(configPath, ['adduser', jid], twice, runAs);
  if (r.code !== 0 && r.output.includes('already exists'))
    r = await prosodyctl(configPath, ['passwd', jid], twice, runAs);
  // The output holds prompts and messages only; the password is never echoed.
  if (r.code !== 0) throw new Error(`prosodyctl could not create ${jid}: ${stripAnsi(r.output).trim()}`);
}

export async function createAccounts(
  configPath: string,
  domain: string,
  accounts: readonly Account[],
  runAs: RunAs,
): Promise<void> {
  for (const a of accounts) await upsert(configPath, domain, a, runAs);
}
