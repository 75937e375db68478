// Test-only: one line in a running Prosody's admin console (mod_admin_shell,
// over the unix socket in its data dir), for state a test cannot make through
// XMPP, such as a sign-in token a day older. A line starting with '>' is Lua
// run inside the server. https://prosody.im/doc/console
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';

/** Runs `prosodyctl shell <line>` as the owner of the config file (the user Prosody runs as); resolves with its output. */
export async function prosodyShell(configPath: string, line: string): Promise<string> {
  const { uid, gid } = await stat(configPath);
  return new Promise((resolve, reject) => {
    execFile('prosodyctl', ['--config', configPath, 'shell', line], { uid, gid }, (err, stdout, stderr) => {
      if (err) reject(new Error(`prosodyctl shell failed: ${stderr || stdout || err.message}`));
      else resolve(stdout);
    });
  });
}
