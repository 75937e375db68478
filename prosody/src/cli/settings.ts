// `prosody-config settings show | diff KEY=VALUE... | apply KEY=VALUE...`: the admins' edits (editable.ts),
// through the same library the component will use. Each returns what to print and the exit code.
import { applyEdit, type HandEditPolicy } from '../apply/apply.ts';
import { planEdit } from '../apply/plan.ts';
import { redactSecrets } from '../config-diff.ts';
import { describeHandEdits } from '../hand-edits.ts';
import { currentSettings } from '../settings/current.ts';
import { restartKeys } from '../settings/editable.ts';
import { formatProblems, type Env } from '../settings/load.ts';
import { parseAssignments } from '../settings/overlay.ts';

export interface Said {
  readonly code: number;
  readonly out: string;
}

export interface SettingsArgs {
  readonly base: Env;
  readonly cwd: string;
  readonly assignments: readonly string[];
  readonly configPath?: string;
  readonly handEdits: HandEditPolicy;
  /** Print the library's result as one JSON line (for programs: the component's path, the PWA). */
  readonly json?: boolean;
}

const refused = (text: string): Said => ({ code: 1, out: text });

/** One JSON line; a hand edit's text is shown with its secrets blanked, as in the diff. */
const json = (value: unknown): string =>
  JSON.stringify(value, (k, v: unknown) => (k === 'onDisk' && typeof v === 'string' ? redactSecrets(v) : v)) + '\n';

/** Every editable key with its value and where it comes from. */
export function show(a: SettingsArgs): Said {
  const { rows, problems } = currentSettings(a.base, a.cwd);
  const code = problems.length > 0 ? 1 : 0;
  if (a.json) return { code, out: json({ settings: rows, problems }) };
  const text = rows.map((r) => `${r.key}=${r.value}\n    ${r.label} (${r.source})`);
  const warn = problems.length > 0 ? `\nIgnored in the overlay:\n${formatProblems(problems)}\n` : '';
  return { code, out: text.join('\n') + '\n' + warn };
}

function editsOrRefusal(a: SettingsArgs) {
  const { edits, problems } = parseAssignments(a.assignments);
  if (a.assignments.length === 0)
    return { said: refused('Say what to change: KEY=VALUE ... (see `settings show`).\n') };
  if (problems.length > 0) return { said: refused(`Refused:\n${formatProblems(problems)}\n`) };
  return { edits };
}

export function diff(a: SettingsArgs): Said {
  const e = editsOrRefusal(a);
  if (!e.edits) return e.said;
  const plan = planEdit({ base: a.base, cwd: a.cwd, edits: e.edits, configPath: a.configPath });
  if (a.json)
    return plan.ok
      ? {
          code: 0,
          out: json({
            ok: true,
            changed: plan.changed,
            changes: plan.changes,
            atRestart: plan.changed.filter((k) => restartKeys.has(k)),
            diff: plan.diff,
            handEdits: plan.handEdits,
          }),
        }
      : { code: 1, out: json(plan) };
  if (!plan.ok) return refused(`Refused:\n${formatProblems(plan.problems)}\n`);
  const hand =
    plan.handEdits.length > 0 ? `\nHand edits in ${plan.configPath}:\n${describeHandEdits(plan.handEdits)}\n` : '';
  return { code: 0, out: (plan.diff || 'prosody.cfg.lua would not change.\n') + hand };
}

export async function apply(a: SettingsArgs): Promise<Said> {
  const e = editsOrRefusal(a);
  if (!e.edits) return e.said;
  const r = await applyEdit({
    base: a.base,
    cwd: a.cwd,
    edits: e.edits,
    configPath: a.configPath,
    handEdits: a.handEdits,
    note: 'prosody-config',
  });
  if (a.json) return { code: r.ok ? 0 : 1, out: json(r) };
  if (r.ok) {
    const restart = r.atRestart.length > 0 ? `Takes effect at the next restart: ${r.atRestart.join(', ')}.\n` : '';
    const kept = r.keptHandEdits.length > 0 ? `Hand edits kept:\n${describeHandEdits(r.keptHandEdits)}\n` : '';
    const how = r.reloaded
      ? 'Prosody reloaded; nobody was signed out.'
      : 'Prosody is not running: written and checked, it starts with them.';
    const what = r.changed.length > 0 ? `Applied: ${r.changed.join(', ')}. ${how}\n` : 'Nothing changed.\n';
    return { code: 0, out: what + restart + kept + r.diff };
  }
  switch (r.stage) {
    case 'refused':
      return refused(`Refused:\n${formatProblems(r.problems)}\n`);
    case 'busy':
      return refused(
        `Another settings apply is running (process ${r.holder}); nothing was changed. Try again when it ends.\n`,
      );
    case 'hand-edits':
      return refused(
        r.conflicts
          ? `Someone edited by hand options this change sets too; decide which wins (--overwrite-hand-edits, or change the file):\n${describeHandEdits(r.handEdits)}\n`
          : `prosody.cfg.lua was edited by hand since Bleep wrote it:\n${describeHandEdits(r.handEdits)}\nNothing was changed. Run again with --keep-hand-edits or --overwrite-hand-edits.\n`,
      );
    default:
      return refused(
        `Not applied: ${r.step} failed, so the previous config and settings were put back${r.restored ? ' and reloaded' : ' (reloading them failed too: check Prosody now)'}.\nProsody said:\n${r.output}\n`,
      );
  }
}
