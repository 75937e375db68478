// Admin → Server settings (issue #13 part 5): Prosody's settings an admin may change on a running server.
// `settings` lists them (value, where it comes from, restart-only); the edit form is settings-apply's own (one
// field per editable key, filled in, and what to do with hand edits), rendered by FormFields.vue; Preview sends
// the same values to settings-preview (the diff of prosody.cfg.lua, nothing written); Apply completes the
// apply session. Each step runs Prosody's settings CLI (seconds), so the app waits longer than for an IQ.
import { SETTINGS_COMMANDS as C, SETTINGS_FIELDS as F } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText, type CommandStep } from '../forms/command.ts';
import { parseTable, submitForm } from '../forms/dataform.ts';
import { useCommandSession } from '../forms/use-command-session.ts';

/** The component waits up to 50 s for Prosody's CLI (bleep_settings_timeout); an apply with a reload takes seconds. */
export const SETTINGS_WAIT = 60_000;

export interface SettingRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  /** edited, .env or default. */
  readonly source: string;
  /** Prosody takes it only at its next restart. */
  readonly restart: boolean;
}

/** What a preview or an apply came to (the result form), or its refusal. */
export interface SettingsOutcome {
  readonly kind: 'preview' | 'applied' | 'refused';
  /** The component's note, or the refusal's text with every reason and the failing step. */
  readonly text: string;
  readonly diff: readonly string[];
  readonly atRestart: readonly string[];
  readonly handEdits: readonly string[];
}

const one = (r: Record<string, string[]>, k: string) => r[k]?.[0] ?? '';

/** The result form's values by field (the component's RESULT_FORM). */
function outcome(kind: 'preview' | 'applied', s: CommandStep): SettingsOutcome {
  const values = (v: string) => s.form?.fields.find((f) => f.var === v)?.values ?? [];
  return {
    kind,
    text: s.note,
    diff: values(F.diff),
    atRestart: values(F.atRestart),
    handEdits: values(F.handEditsFound),
  };
}

const refused = (text: string): SettingsOutcome => ({ kind: 'refused', text, diff: [], atRestart: [], handEdits: [] });

export const useServerSettings = defineStore('admin-settings', () => {
  const connection = useConnection();
  const { run, step, values, busy, error, begin, submit, cancel } = useCommandSession();
  const rows = ref<SettingRow[]>([]);
  const listError = ref('');
  /** What runs now: '' or preview or apply (the page says what Prosody is doing meanwhile). */
  const working = ref<'' | 'preview' | 'apply'>('');
  const result = shallowRef<SettingsOutcome | null>(null);

  async function load(): Promise<void> {
    try {
      const s = await run((ops) => commandIq(ops, C.settings, 'execute'), SETTINGS_WAIT);
      rows.value = (s.x ? parseTable(s.x) : []).map((r) => ({
        key: one(r, F.key),
        label: one(r, F.label),
        value: one(r, F.value),
        source: one(r, F.source),
        restart: ['true', '1'].includes(one(r, F.restart)),
      }));
      listError.value = '';
    } catch (err) {
      listError.value = refusalText(err, 'The server settings could not be read. Try again.');
    }
  }

  /** Opens settings-apply's form with the values as they stand. */
  const open = () =>
    begin(
      (run) => run((ops) => commandIq(ops, C.settingsApply, 'execute'), SETTINGS_WAIT),
      'The server settings could not be opened. Try again.',
    );

  async function during(what: 'preview' | 'apply', work: () => Promise<void>): Promise<void> {
    if (working.value) return;
    working.value = what;
    result.value = null;
    try {
      await work();
    } finally {
      working.value = '';
    }
  }

  /** The form's values through settings-preview: the diff, or the reasons it would be refused. */
  const preview = () =>
    during('preview', async () => {
      try {
        const first = await run((ops) => commandIq(ops, C.settingsPreview, 'execute'), SETTINGS_WAIT);
        const form = submitForm(first.form!, values.value);
        const done = await run((ops) => commandIq(ops, first.node, 'complete', first.sessionid, form), SETTINGS_WAIT);
        result.value = outcome('preview', done);
      } catch (err) {
        result.value = refused(refusalText(err, 'The preview failed. Try again.'));
      }
    });

  /** Completes the apply session: applied (the table and the form again), or refused with the form kept. */
  const apply = () =>
    during('apply', async () => {
      const done = await submit('The settings were not applied. Try again.', SETTINGS_WAIT);
      if (!done) {
        if (error.value) result.value = refused(error.value);
        error.value = '';
        return;
      }
      result.value = outcome('applied', done);
      await load();
      await open();
    });

  connection.onLogout(() => {
    rows.value = [];
    step.value = null;
    result.value = null;
    listError.value = error.value = '';
  });

  return { rows, listError, step, values, error, busy, working, result, load, open, preview, apply, cancel };
});
