// What the runner chose at start for settings left blank (port 0, no certificate, no public URL: prepare.ts),
// written to `<data dir>/settings-runtime.env` at every start. An apply renders over these, so the new config
// keeps the ports and certificate the running Prosody has. Docker's `.env` fixes all of them: no such file there.
import { existsSync, readFileSync } from 'node:fs';
import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { Settings } from './types.ts';

export const RUNTIME_FILE = 'settings-runtime.env';

export function runtimeEnv(s: Settings): Record<string, string> {
  return {
    BLEEP_C2S_PORT: String(s.ports.c2s),
    BLEEP_HTTP_PORT: String(s.ports.http),
    BLEEP_COMPONENT_PORT: String(s.ports.component),
    BLEEP_OPS_HTTP_PORT: String(s.ports.opsHttp),
    BLEEP_WEB_PORT: String(s.ports.web),
    BLEEP_TLS_CERT: s.tls.cert,
    BLEEP_TLS_KEY: s.tls.key,
    BLEEP_PUBLIC_URL: s.publicUrl,
  };
}

/** `owner`: Prosody's user when the runner is root, so the settings CLI Prosody runs (mod_bleep_settings) reads it. */
export async function writeRuntime(s: Settings, owner?: { uid: number; gid: number }): Promise<void> {
  const lines = Object.entries(runtimeEnv(s)).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const head = '# Chosen by the runner at the last start (prosody-config); rewritten at every start.';
  const path = join(s.dataDir, RUNTIME_FILE);
  await writeFile(path, [head, ...lines, ''].join('\n'), { mode: 0o640 });
  if (owner) await chown(path, owner.uid, owner.gid);
}

export function readRuntime(dataDir: string): Record<string, string> {
  const p = join(dataDir, RUNTIME_FILE);
  return existsSync(p) ? (parseEnv(readFileSync(p, 'utf8')) as Record<string, string>) : {};
}
