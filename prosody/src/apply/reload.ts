// Reloads Prosody without a restart, so connected people stay connected. `config reload` re-reads the file
// (prosody.reload_config, util/startup.lua) and fires config-reloaded; options read per use (admins, MUC room
// defaults) then apply at once. Modules that read an option only when they load are reloaded on their host
// (editable.ts says which); none of them owns a client connection, so no session ends.
import type { ModuleHost, ReloadTarget } from '../settings/editable.ts';
import type { Settings } from '../settings/types.ts';
import { shell, type Outcome } from './prosodyctl.ts';

const hostName = (s: Settings, h: ModuleHost): string =>
  h === 'domain' ? s.domain : h === 'muc' ? s.mucHost : h === 'share' ? s.shareHost : '*';

/** Config reload, then each module once; stops at the first failure and says which step it was. */
export async function reloadProsody(
  s: Settings,
  configPath: string,
  targets: readonly ReloadTarget[],
): Promise<Outcome & { step: string }> {
  const steps: { step: string; args: string[] }[] = [{ step: 'config reload', args: ['config', 'reload'] }];
  const seen = new Set<string>();
  for (const t of targets) {
    const host = hostName(s, t.host);
    const step = `module reload ${t.module} ${host}`;
    if (seen.has(step)) continue;
    seen.add(step);
    steps.push({ step, args: ['module', 'reload', t.module, host] });
  }
  for (const { step, args } of steps) {
    const r = await shell(configPath, s.dataDir, args);
    // "Module reloaded on 0 hosts" is an OK from the shell, but the option did not reach Prosody.
    if (!r.ok || /on 0 hosts/.test(r.output)) return { ok: false, output: r.output, step };
  }
  return { ok: true, output: '', step: '' };
}
