// prepareSettings / testSettings: turn settings with blanks (port 0, no TLS
// files, no public URL) into settings Prosody can be started with.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblems, parseSettings } from '../settings/load.ts';
import type { Settings } from '../settings/types.ts';
import { freePorts } from './ports.ts';
import { createTestDatabase, dropTestDatabase, wantsPostgres } from './test-database.ts';
import { ensureSelfSigned } from './tls.ts';

export async function prepareSettings(settings: Settings): Promise<Settings> {
  await mkdir(settings.dataDir, { recursive: true, mode: 0o750 });
  const blanks = (['c2s', 'http', 'component', 'opsHttp', 'web'] as const).filter((k) => settings.ports[k] === 0);
  const free = await freePorts(blanks.length);
  const ports = { ...settings.ports };
  blanks.forEach((k, i) => (ports[k] = free[i]!));
  const tls =
    settings.tls.cert && settings.tls.key
      ? settings.tls
      : await ensureSelfSigned(settings.domain, join(settings.dataDir, 'tls'));
  const publicUrl = settings.publicUrl || `https://${settings.domain}:${ports.web}`;
  return Object.freeze({
    ...settings,
    ports: Object.freeze(ports),
    tls: Object.freeze({ cert: tls.cert, key: tls.key }),
    publicUrl,
  });
}

// Temp data dirs of testSettings() are removed when their Prosody stops
// (removeTestDataDir, called by stop()) or, failing that, when this process exits.
const tempDirs: string[] = [];
function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Removes dataDir (and its test database) if testSettings() made it; leaves any other folder alone. */
export async function removeTestDataDir(dataDir: string): Promise<void> {
  const i = tempDirs.indexOf(dataDir);
  if (i < 0) return;
  tempDirs.splice(i, 1);
  rmSync(dataDir, { recursive: true, force: true });
  await dropTestDatabase(dataDir);
}

/** Fresh settings for one test run: temp data dir, random secret, bleep.localhost; prepared (ports chosen). */
export async function testSettings(overrides: Readonly<Record<string, string>> = {}): Promise<Settings> {
  return prepareSettings(await unpreparedTestSettings(overrides));
}

/** testSettings() before prepareSettings: the ports not given in overrides still 0 (startOnFreePorts chooses them). */
export async function unpreparedTestSettings(overrides: Readonly<Record<string, string>> = {}): Promise<Settings> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bleep-prosody-'));
  if (tempDirs.push(dataDir) === 1) process.once('exit', removeTempDirs);
  const env = {
    BLEEP_DOMAIN: 'bleep.localhost',
    BLEEP_ADMINS: 'admin@bleep.localhost',
    BLEEP_DATA_DIR: dataDir,
    BLEEP_COMPONENT_SECRET: randomBytes(24).toString('base64url'),
    ...(wantsPostgres(overrides) ? await createTestDatabase(dataDir) : {}),
    ...overrides,
  };
  // Only the given values count: the developer's own .env must not leak into tests.
  const parsed = parseSettings(env, dataDir);
  if (!parsed.ok) throw new Error(`testSettings: invalid overrides\n${formatProblems(parsed.problems)}`);
  return parsed.settings;
}
