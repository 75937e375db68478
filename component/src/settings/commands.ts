// settings, settings-preview, settings-apply: Prosody's admins see the server settings, preview an edit (the diff
// of prosody.cfg.lua) and apply it. Prosody's side checks it like .env, writes, runs `prosodyctl check config`,
// reloads without signing anyone out, or rolls back (mod_bleep_settings, prosody-config). Every refusal is an
// error stanza with the reasons; every applied change is in the audit record: who, when, key, old → new value.
import { randomUUID } from 'node:crypto';
import { SETTINGS_COMMANDS, SETTINGS_FIELDS as F } from '@bleep/protocol';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import { editForm, editsOf, RESULT_FORM, SETTINGS_TABLE, settingsRows } from './forms.ts';
import type { Applied, HandEdit, HandEditPolicy, ProsodySettings } from './prosody.ts';

const list = (xs: readonly string[]) => xs.join(', ');
const reasons = (problems: readonly { setting: string; message: string }[]) =>
  problems.map((p) => `${p.setting}: ${p.message}`).join(' ');
const named = (e: HandEdit) => `${e.name} (${e.section === '*' ? 'global' : e.section})`;
const described = (edits: readonly HandEdit[]) => list(edits.map(named));

/** The result form: what changed (or would), what waits for a restart, the diff, the hand edits. */
const result = (
  r: { changed: readonly string[]; atRestart: readonly string[]; diff: string },
  handEdits: readonly HandEdit[],
  note: string,
) => ({
  kind: 'done' as const,
  form: RESULT_FORM,
  values: {
    [F.changed]: r.changed,
    [F.atRestart]: r.atRestart,
    [F.diff]: r.diff.split('\n'),
    [F.handEditsFound]: handEdits.map(named),
  },
  note,
});

function refusal(r: Exclude<Applied, { ok: true }>): BleepError {
  switch (r.stage) {
    case 'refused':
      return new BleepError('settings-refused', `Refused, nothing was changed. ${reasons(r.problems)}`);
    case 'busy':
      return new BleepError('settings-busy');
    case 'hand-edits':
      return new BleepError(
        'settings-hand-edits',
        r.conflicts
          ? `Options this change sets were edited by hand in prosody.cfg.lua: ${described(r.handEdits)}. Nothing was changed; overwrite them or change the file.`
          : `prosody.cfg.lua was edited by hand: ${described(r.handEdits)}. Nothing was changed; choose to keep or overwrite them.`,
      );
    default:
      return new BleepError(
        'settings-not-applied',
        `Not applied: ${r.step} failed, so the previous settings were put back${r.stage === 'check' ? '' : r.restored ? ' and reloaded' : ' (reloading them failed too: check Prosody now)'}. Prosody said: ${r.output}`,
      );
  }
}

/** Step 0: the form, with the values as they stand (kept to see what was changed). */
async function formStep(prosody: ProsodySettings, data: Record<string, unknown>, apply: boolean) {
  const shown = await prosody.show();
  data.shown = Object.fromEntries(shown.settings.map((r) => [r.key, r.value]));
  return { kind: 'form' as const, ...editForm(shown, apply), last: true };
}

function editsFrom(input: FormValues | undefined, data: Record<string, unknown>): Record<string, string> {
  const edits = editsOf(input ?? {}, data.shown as Record<string, string>);
  if (Object.keys(edits).length === 0) throw new BleepError('bad-form', 'Nothing was changed in the form.');
  return edits;
}

export function settingsCommands(prosody: ProsodySettings, audit: AuditStore): Command[] {
  return [
    {
      node: SETTINGS_COMMANDS.settings,
      name: 'Server settings',
      permission: 'server-admin',
      run: async () => ({ kind: 'done', form: SETTINGS_TABLE, rows: settingsRows(await prosody.show()) }),
    },
    {
      node: SETTINGS_COMMANDS.settingsPreview,
      name: 'Preview server settings',
      permission: 'server-admin',
      run: async ({ step, data, input }) => {
        if (step === 0) return formStep(prosody, data, false);
        const r = await prosody.preview(editsFrom(input, data));
        if (!r.ok) throw refusal(r);
        return result(
          r,
          r.handEdits,
          r.changed.length > 0 ? `Would change: ${list(r.changed)}.` : 'Nothing would change.',
        );
      },
    },
    {
      node: SETTINGS_COMMANDS.settingsApply,
      name: 'Apply server settings',
      permission: 'server-admin',
      run: async ({ caller, step, data, input }) => {
        if (step === 0) return formStep(prosody, data, true);
        const edits = editsFrom(input, data);
        const r = await prosody.apply(edits, (input?.[F.handEdits] ?? 'refuse') as HandEditPolicy);
        if (!r.ok) throw refusal(r);
        const at = new Date().toISOString();
        for (const c of r.changes)
          await audit.record({
            id: randomUUID(),
            at,
            actor: caller.bare,
            action: SETTINGS_COMMANDS.settingsApply,
            target: `setting:${c.key}`,
            // As written in .env; '' is unset (the default). No editable key holds a secret.
            before: { [c.key]: c.before },
            after: { [c.key]: c.after },
          });
        const how = r.reloaded
          ? 'Prosody reloaded; nobody was signed out.'
          : 'Prosody is not running: written and checked, it starts with them.';
        const restart = r.atRestart.length > 0 ? ` Takes effect at the next restart: ${list(r.atRestart)}.` : '';
        return result(
          r,
          r.keptHandEdits,
          r.changed.length > 0 ? `Applied: ${list(r.changed)}. ${how}${restart}` : 'Nothing changed.',
        );
      },
    },
  ];
}
