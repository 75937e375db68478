// What an edit would do, without doing it: the settings after it (or every refusal), the new config, its diff
// against the config on disk, and the hand edits found there. Used by `settings diff` and by apply.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDiff } from '../config-diff.ts';
import { readRenderedCopy } from '../config-file.ts';
import { assignments, handEdits, type HandEdit } from '../hand-edits.ts';
import { defaultLauncher, launcherIn } from '../launcher.ts';
import { CONFIG_FILE, renderConfig } from '../render.ts';
import { proposeEdit, type SettingChange } from '../settings/edit.ts';
import { dataDirOf, type Env } from '../settings/load.ts';
import { readOverlay, type Overlay } from '../settings/overlay.ts';
import { readRuntime } from '../settings/runtime.ts';
import type { Settings, SettingProblem } from '../settings/types.ts';

export interface PlanRequest {
  /** `.env` and the environment (load.ts baseEnv). */
  readonly base: Env;
  readonly cwd: string;
  readonly edits: Overlay;
  /** Default: prosody.cfg.lua in the data dir, where the runner puts it. */
  readonly configPath?: string;
}

export type Plan =
  | { readonly ok: false; readonly problems: readonly SettingProblem[] }
  | {
      readonly ok: true;
      readonly settings: Settings;
      readonly configPath: string;
      readonly overlay: Overlay;
      readonly changed: readonly string[];
      readonly changes: readonly SettingChange[];
      /** The config on disk now ('' if there is none yet). */
      readonly onDisk: string;
      /** What Bleep rendered last: the rendered copy, or the current settings rendered again. */
      readonly lastRendered: string;
      readonly rendered: string;
      readonly handEdits: readonly HandEdit[];
      readonly diff: string;
    };

/** The runner renders `run_as_root = true` where it had to (runner/user.ts); a re-render keeps what it chose. */
const hadRunAsRoot = (config: string): boolean =>
  config !== '' && assignments(config).some((a) => a.section === '*' && a.name === 'run_as_root');

export function planEdit(req: PlanRequest): Plan {
  const dataDir = dataDirOf(req.base, req.cwd);
  const read = readOverlay(dataDir);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  const base = { ...req.base, ...readRuntime(dataDir) };
  const now = proposeEdit(base, read.overlay, {}, req.cwd);
  if (!now.ok) return now;
  const next = proposeEdit(base, read.overlay, req.edits, req.cwd);
  if (!next.ok) return next;
  const configPath = req.configPath ?? join(next.settings.dataDir, CONFIG_FILE);
  const onDisk = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '';
  const copy = readRenderedCopy(configPath);
  const runAsRoot = hadRunAsRoot(copy ?? onDisk);
  // The CLI mod_bleep_settings runs stays the one the running config names, whoever applies from where.
  const launcher = launcherIn(copy ?? onDisk) ?? defaultLauncher();
  const lastRendered = copy ?? renderConfig(now.settings, { runAsRoot, launcher });
  const rendered = renderConfig(next.settings, { runAsRoot, launcher });
  return {
    ok: true,
    settings: next.settings,
    configPath,
    overlay: next.overlay,
    changed: next.changed,
    changes: next.changes,
    onDisk,
    lastRendered,
    rendered,
    handEdits: onDisk === '' ? [] : handEdits(onDisk, lastRendered),
    diff: configDiff(onDisk || lastRendered, rendered),
  };
}
