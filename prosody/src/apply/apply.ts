// Applies an admin's edit on Prosody's side (docs: prosody/README.md "Settings edited on a running server"):
// refuse what the .env path refuses, refuse to write over hand edits unless told, write the config and the
// overlay, `prosodyctl check config`, reload without dropping anyone, and on a failed check or reload put
// both files back, reload again, and say which step failed and what Prosody said.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PID_FILE } from '../render.ts';
import { rm, writeFile } from 'node:fs/promises';
import { ownerOf, writeConfig } from '../config-file.ts';
import { keepHandEdits, type HandEdit } from '../hand-edits.ts';
import { editable, restartKeys, type ReloadTarget } from '../settings/editable.ts';
import type { SettingChange } from '../settings/edit.ts';
import { overlayPath, overlayText } from '../settings/overlay.ts';
import { dataDirOf } from '../settings/load.ts';
import type { SettingProblem } from '../settings/types.ts';
import { planEdit, type PlanRequest } from './plan.ts';
import { isAlive, takeLock } from './lock.ts';
import { checkConfig } from './prosodyctl.ts';
import { reloadProsody } from './reload.ts';

/** refuse: stop and list them; keep: carry them into the new config; overwrite: drop them. */
export type HandEditPolicy = 'refuse' | 'keep' | 'overwrite';

export type ApplyResult =
  | {
      readonly ok: true;
      readonly changed: readonly string[];
      /** Each changed key, before → after (never a secret: no editable key is one). */
      readonly changes: readonly SettingChange[];
      readonly diff: string;
      /** Changed keys that take effect only at the next restart (they load or unload modules). */
      readonly atRestart: readonly string[];
      readonly keptHandEdits: readonly HandEdit[];
      /** false: Prosody was not running (no live pid in its pidfile), so it was only written and checked. */
      readonly reloaded: boolean;
    }
  | { readonly ok: false; readonly stage: 'refused'; readonly problems: readonly SettingProblem[] }
  /** Another apply is running (its pid). */
  | { readonly ok: false; readonly stage: 'busy'; readonly holder: number }
  | {
      readonly ok: false;
      readonly stage: 'hand-edits';
      readonly handEdits: readonly HandEdit[];
      /** Hand edits of options this edit changes too: keeping them is refused as well. */
      readonly conflicts: boolean;
    }
  | {
      readonly ok: false;
      readonly stage: 'check' | 'reload';
      /** The failed step and Prosody's words. */
      readonly step: string;
      readonly output: string;
      /** Whether the old config was reloaded again without trouble. */
      readonly restored: boolean;
    };

/** Writes the overlay's text, or removes the file when there is nothing to say (undefined). */
async function writeOverlay(path: string, text: string | undefined): Promise<void> {
  if (text === undefined) await rm(path, { force: true });
  else await writeFile(path, text, { mode: 0o640 });
}

/** mod_posix writes the pidfile the config names (render.ts: in the data dir) and removes it at exit. */
function prosodyRunning(dataDir: string): boolean {
  const path = join(dataDir, PID_FILE);
  return existsSync(path) && isAlive(Number(readFileSync(path, 'utf8').trim()));
}

type ApplyRequest = PlanRequest & { readonly handEdits: HandEditPolicy; readonly note: string };

export async function applyEdit(req: ApplyRequest): Promise<ApplyResult> {
  const lock = takeLock(dataDirOf(req.base, req.cwd));
  if (!lock.ok) return { ok: false, stage: 'busy', holder: lock.holder };
  try {
    return await applyLocked(req);
  } finally {
    lock.release();
  }
}

async function applyLocked(req: ApplyRequest): Promise<ApplyResult> {
  const plan = planEdit(req);
  if (!plan.ok) return { ok: false, stage: 'refused', problems: plan.problems };
  let config = plan.rendered;
  let kept: readonly HandEdit[] = [];
  if (plan.handEdits.length > 0 && req.handEdits !== 'overwrite') {
    if (req.handEdits === 'refuse')
      return { ok: false, stage: 'hand-edits', handEdits: plan.handEdits, conflicts: false };
    const merged = keepHandEdits(plan.rendered, plan.handEdits, plan.lastRendered);
    if (!merged.ok) return { ok: false, stage: 'hand-edits', handEdits: merged.conflicts, conflicts: true };
    config = merged.config;
    kept = plan.handEdits;
  }
  const s = plan.settings;
  const overlayFile = overlayPath(s.dataDir);
  const owner = ownerOf(plan.configPath);
  const reloads: ReloadTarget[] = plan.changed.flatMap((k) => editable(k)?.reload ?? []);

  // Restored byte for byte if the check or the reload fails.
  const overlayBefore = existsSync(overlayFile) ? readFileSync(overlayFile, 'utf8') : undefined;
  await writeConfig(plan.configPath, config, plan.rendered, owner);
  await writeOverlay(
    overlayFile,
    Object.keys(plan.overlay).length > 0 ? overlayText(plan.overlay, req.note) : undefined,
  );

  const rollback = async (stage: 'check' | 'reload', step: string, output: string): Promise<ApplyResult> => {
    await writeConfig(plan.configPath, plan.onDisk || plan.lastRendered, plan.lastRendered, owner);
    await writeOverlay(overlayFile, overlayBefore);
    // After a failed check Prosody never read the new file; after a failed reload it may have read part of it.
    const restored = stage === 'check' || (await reloadProsody(s, plan.configPath, reloads)).ok;
    return { ok: false, stage, step, output, restored };
  };

  const check = await checkConfig(plan.configPath, s.dataDir);
  if (!check.ok) return rollback('check', 'prosodyctl check config', check.output);
  const running = prosodyRunning(s.dataDir);
  if (running) {
    const reload = await reloadProsody(s, plan.configPath, reloads);
    if (!reload.ok) return rollback('reload', reload.step, reload.output);
  }
  return {
    ok: true,
    reloaded: running,
    changed: plan.changed,
    changes: plan.changes,
    diff: plan.diff,
    atRestart: plan.changed.filter((k) => restartKeys.has(k)),
    keptHandEdits: kept,
  };
}
