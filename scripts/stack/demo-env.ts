// Demo defaults layered under the user's .env: what `npm start` needs so that a
// fresh clone runs with no other step. A real deployment sets these in .env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_DOMAIN = 'bleep.localhost';
/** The demo prefers a stable URL; the stack falls back to a free port if it is taken. */
export const DEMO_WEB_PORT = 8443;

/** Returns env values for the demo, reading or making a per-folder component secret. */
export function demoEnv(env: Env, cwd: string): Record<string, string> {
  const dataDir = resolve(cwd, env.BLEEP_DATA_DIR || '.data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const domain = env.BLEEP_DOMAIN || DEFAULT_DOMAIN;
  const secretFile = join(dataDir, 'component-secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return {
    BLEEP_DATA_DIR: dataDir,
    BLEEP_ADMINS: `admin@${domain}`,
    BLEEP_COMPONENT_SECRET: readFileSync(secretFile, 'utf8').trim(),
  };
}
