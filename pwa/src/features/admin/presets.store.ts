// Admin → Alarm presets (issue #13 part 4): the presets as the component lists
// them (alarm-presets), and one opened for editing with alarm-preset-edit: its
// form comes from the component with the stored values (preset-form.ts declares
// it once; FormFields.vue renders it), so the app keeps no copy of the fields.
// The component validates and audits; a refusal shows its reasons by the form.
import { ALARM_COMMANDS, PRESET_FIELDS as F } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { parseTable, submitForm } from '../forms/dataform.ts';
import { useCommandSession } from '../forms/use-command-session.ts';

/** One row of the presets table: its values by PRESET_FIELDS var. */
export type PresetRow = Readonly<Record<string, readonly string[]>>;

export const usePresetEditor = defineStore('admin-presets', () => {
  const connection = useConnection();
  const { run, step, values, busy, error, begin, submit, cancel } = useCommandSession();
  const rows = ref<PresetRow[]>([]);
  const listError = ref('');
  const saved = ref('');

  async function load(): Promise<void> {
    try {
      const s = await run((ops) => commandIq(ops, ALARM_COMMANDS.alarmPresets, 'execute'));
      rows.value = s.x ? parseTable(s.x).filter((r) => r[F.id]?.[0]) : [];
      listError.value = '';
    } catch (err) {
      listError.value = refusalText(err, 'The alarm presets could not be listed. Try again.');
    }
  }

  /** Opens the preset `id` (or a new one by that id): the component's form with its stored values. */
  function open(id: string): Promise<void> {
    saved.value = '';
    return begin(async (run) => {
      const first = await run((ops) => commandIq(ops, ALARM_COMMANDS.alarmPresetEdit, 'execute'));
      const form = submitForm(first.form!, { [F.id]: [id] });
      return run((ops) => commandIq(ops, first.node, 'next', first.sessionid, form));
    }, 'The preset could not be opened. Try again.');
  }

  /** Saves the form: the component's note, or its reasons beside the form. */
  async function save(): Promise<void> {
    saved.value = '';
    const done = await submit('The preset was not saved. Check the form and try again.');
    if (!done) return;
    saved.value = done.note || 'Saved.';
    void load();
  }

  connection.onLogout(() => {
    rows.value = [];
    step.value = null;
    listError.value = error.value = saved.value = '';
  });

  return { rows, listError, step, values, error, saved, busy, load, open, save, cancel };
});
