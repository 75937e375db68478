// The editable settings as they stand: value and where it comes from, for `settings show`, and later the
// component's form and the PWA page.
import { editableSettings } from './editable.ts';
import { dataDirOf, type Env } from './load.ts';
import { readOverlay } from './overlay.ts';
import { settingsShape } from './schema.ts';
import type { SettingProblem } from './types.ts';

export interface CurrentSetting {
  readonly key: string;
  readonly label: string;
  /** As written in .env / the overlay (lists comma-separated). */
  readonly value: string;
  /** edited: an admin's overlay; .env: the file or the environment; default: the schema's. */
  readonly source: 'edited' | '.env' | 'default';
}

const defaultOf = (key: string): string => {
  const v = settingsShape[key as keyof typeof settingsShape].parse(undefined) as unknown;
  return Array.isArray(v) ? v.join(',') : String(v);
};

/** Every editable key; `problems` lists overlay keys that are not editable (ignored). */
export function currentSettings(base: Env, cwd: string): { rows: CurrentSetting[]; problems: SettingProblem[] } {
  const { overlay, problems } = readOverlay(dataDirOf(base, cwd));
  const rows = editableSettings.map(({ key, label }): CurrentSetting => {
    if (overlay[key] !== undefined) return { key, label, value: overlay[key], source: 'edited' };
    if (base[key]) return { key, label, value: base[key], source: '.env' };
    return { key, label, value: defaultOf(key), source: 'default' };
  });
  return { rows, problems };
}
