// An admin's edit, checked the way `.env` is: the same schema (schema.ts) and the same refusals (validate.ts),
// over the settings as they would be after it. Nothing is written here; apply.ts does that.
import { parseSettings, type Env } from './load.ts';
import { checkOverlay, mergeOverlay, type Overlay } from './overlay.ts';
import type { Settings, SettingProblem } from './types.ts';

export interface SettingChange {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

export type Proposal =
  | {
      readonly ok: true;
      readonly settings: Settings;
      readonly overlay: Overlay;
      readonly changed: readonly string[];
      /** Each changed key's value before and after (as written in .env; '' for unset), for the audit record. */
      readonly changes: readonly SettingChange[];
    }
  | { readonly ok: false; readonly problems: readonly SettingProblem[] };

/** The settings of `.env` + overlay + edits, or every problem with them; `changed` lists the keys whose value moves. */
export function proposeEdit(base: Env, overlay: Overlay, edits: Overlay, cwd: string): Proposal {
  // Only editable keys, whoever calls: the CLI checks its arguments, the component will pass a form's values.
  const { problems } = checkOverlay(edits);
  if (problems.length > 0) return { ok: false, problems };
  const next = mergeOverlay(overlay, edits);
  const r = parseSettings({ ...base, ...next }, cwd);
  if (!r.ok) return r;
  const before = { ...base, ...overlay };
  const after = { ...base, ...next };
  const changed = Object.keys(edits).filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
  const changes = changed.map((key) => ({ key, before: before[key] ?? '', after: after[key] ?? '' }));
  return { ok: true, settings: r.settings, overlay: next, changed, changes };
}
