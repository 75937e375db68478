// A config written for a long-running Prosody needs everything the runner
// would otherwise fill in (free ports, a self-signed certificate, the public
// URL). These checks say which of those are still blank.
import { existsSync } from 'node:fs';
import type { Settings, SettingProblem } from './types.ts';

const PORTS = {
  c2s: ['BLEEP_C2S_PORT', 5222],
  http: ['BLEEP_HTTP_PORT', 5280],
  component: ['BLEEP_COMPONENT_PORT', 5347],
} as const;

export function renderReadiness(s: Settings, opts: { checkFiles?: boolean } = {}): SettingProblem[] {
  const out: SettingProblem[] = [];
  for (const [key, [setting, example]] of Object.entries(PORTS))
    if (s.ports[key as keyof typeof PORTS] === 0)
      out.push({
        setting,
        message: `is 0 (pick a free port), which only the runner (npm start, tests) can do. Set a fixed port, e.g. ${example}.`,
      });
  for (const [setting, path] of [
    ['BLEEP_TLS_CERT', s.tls.cert],
    ['BLEEP_TLS_KEY', s.tls.key],
  ] as const) {
    if (!path)
      out.push({
        setting,
        message: 'is empty; a rendered config needs the PEM file (only the runner makes a self-signed one).',
      });
    else if (opts.checkFiles && !existsSync(path))
      out.push({ setting, message: `${path} does not exist. Point it at the PEM file.` });
  }
  if (opts.checkFiles && !existsSync(s.dataDir))
    out.push({
      setting: 'BLEEP_DATA_DIR',
      message: `${s.dataDir} does not exist. Create it, owned by the user Prosody runs as (e.g. install -d -o prosody -g prosody -m 750 ${s.dataDir}).`,
    });
  if (!s.publicUrl)
    out.push({
      setting: 'BLEEP_PUBLIC_URL',
      message: 'is empty; set the https origin users open, e.g. https://chat.hospital.example.',
    });
  return out;
}
