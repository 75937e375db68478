// An admin editor over the component's own commands (issue #13 part 4), shared
// by the alarm presets and the quick-response templates: the list as the
// component gives it (a result table), and one opened with its edit command,
// whose form comes from the component with the stored values (declared once
// there; FormFields.vue renders it), so the app keeps no copy of the fields.
// The component validates and audits; a refusal shows its reasons by the form.
// Where the component has a delete command (templates), the open one can be
// deleted too, behind ConfirmAction in the page.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { useComplete } from './complete.ts';
import { parseTable, submitForm } from '../forms/dataform.ts';
import { useCommandSession } from '../forms/use-command-session.ts';

/** One row of a list: its values by field var. */
export type RecordRow = Readonly<Record<string, readonly string[]>>;

/** A row's (first) value of field `v`, '' when it has none. */
export const valueOf = (r: RecordRow, v: string) => r[v]?.[0] ?? '';

export interface RecordCommands {
  /** The list command (a result table). */
  readonly list: string;
  /** The three-step edit command: the id, then the prefilled form. */
  readonly edit: string;
  /** The id's field var, in the list and in the edit command's first form. */
  readonly idVar: string;
  /** What it edits, in the fallback texts ("preset", "template"). */
  readonly noun: string;
  /** The two-step delete command (the id), where there is one. */
  readonly remove?: string;
}

export function defineRecordEditor(storeId: string, c: RecordCommands) {
  return defineStore(storeId, () => {
    const connection = useConnection();
    const { run, step, values, busy, error, begin, submit, cancel } = useCommandSession();
    const complete = useComplete();
    const rows = ref<RecordRow[]>([]);
    const listError = ref('');
    const saved = ref('');

    /** A row's id (its field `idVar`). */
    const idOf = (r: RecordRow) => valueOf(r, c.idVar);

    async function load(): Promise<void> {
      try {
        const s = await run((ops) => commandIq(ops, c.list, 'execute'));
        rows.value = s.x ? parseTable(s.x).filter((r) => idOf(r)) : [];
        listError.value = '';
      } catch (err) {
        listError.value = refusalText(err, `The ${c.noun}s could not be listed. Try again.`);
      }
    }

    /** Opens `id` (or a new one by that id): the component's form with its stored values. */
    function open(id: string): Promise<void> {
      saved.value = '';
      return begin(async (run) => {
        const first = await run((ops) => commandIq(ops, c.edit, 'execute'));
        const form = submitForm(first.form!, { [c.idVar]: [id] });
        return run((ops) => commandIq(ops, first.node, 'next', first.sessionid, form));
      }, `The ${c.noun} could not be opened. Try again.`);
    }

    /** Saves the form: the component's note, or its reasons beside the form. */
    async function save(): Promise<void> {
      saved.value = '';
      const done = await submit(`The ${c.noun} was not saved. Check the form and try again.`);
      if (!done) return;
      saved.value = done.note || 'Saved.';
      void load();
    }

    /** Deletes `id` (the component's note), leaving its form; or the refusal's reason beside the form. */
    async function remove(id: string): Promise<void> {
      if (!c.remove || busy.value) return;
      [saved.value, error.value, busy.value] = ['', '', true];
      try {
        const done = await complete(c.remove, { [c.idVar]: id }, `The ${c.noun} was not deleted. Try again.`);
        await cancel();
        saved.value = done.note || 'Deleted.';
        void load();
      } catch (err) {
        error.value = (err as Error).message;
      } finally {
        busy.value = false;
      }
    }

    connection.onLogout(() => {
      rows.value = [];
      step.value = null;
      listError.value = error.value = saved.value = '';
    });

    return {
      rows,
      idOf,
      listError,
      step,
      values,
      error,
      saved,
      busy,
      load,
      open,
      save,
      remove,
      cancel,
      canRemove: !!c.remove,
    };
  });
}

export type RecordEditor = ReturnType<ReturnType<typeof defineRecordEditor>>;
