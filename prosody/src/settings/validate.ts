// Security and consistency rules that span fields. Each refusal says why and
// what to do instead. (Helper A: extend; keep every rule here, one per check.)
import type { Settings, SettingProblem } from './types.ts';

export function validateSettings(s: Settings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  if (s.federation)
    problems.push({
      setting: 'BLEEP_FEDERATION',
      message:
        'federation is not allowed: patient data must stay on this server. Remove the setting or set it to false.',
    });
  return problems;
}
