// Test fixtures: a good, fully specified env and settings built from it.
import { formatProblems, parseSettings } from './settings/load.ts';
import type { Settings } from './settings/types.ts';

export const goodEnv: Readonly<Record<string, string>> = {
  BLEEP_DOMAIN: 'hospital.example',
  BLEEP_ADMINS: 'admin@hospital.example',
  BLEEP_DATA_DIR: '/var/lib/bleep',
  BLEEP_C2S_PORT: '5222',
  BLEEP_HTTP_PORT: '5280',
  BLEEP_COMPONENT_PORT: '5347',
  BLEEP_WEB_PORT: '443',
  BLEEP_PUBLIC_URL: 'https://chat.hospital.example',
  BLEEP_TLS_CERT: '/etc/bleep/tls/cert.pem',
  BLEEP_TLS_KEY: '/etc/bleep/tls/key.pem',
  BLEEP_COMPONENT_SECRET: 'a-very-long-random-secret-0123456789',
};

export function settingsFrom(overrides: Record<string, string> = {}): Settings {
  const r = parseSettings({ ...goodEnv, ...overrides }, '/');
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.settings;
}
