// One command's forms, one step at a time (XEP-0050 §4.2): the form the
// component declared, the values typed into it, the reason of a refusal. A
// refused step keeps its form and session (the component forgets a session
// only when it completes or is cancelled), so the user fixes it and sends again.
import { ref, shallowRef } from 'vue';
import { commandIq, refusalText, type CommandStep } from './command.ts';
import { initialValues, missing, submitForm, type FormValues } from './dataform.ts';
import { useCommands } from './run.ts';

export type Run = ReturnType<typeof useCommands>;

export function useCommandSession(say: (err: unknown, fallback: string) => string = refusalText) {
  const run = useCommands();
  const step = shallowRef<CommandStep | null>(null);
  const values = ref<FormValues>({});
  const busy = ref(false);
  const error = ref('');

  function show(s: CommandStep, prefill: FormValues = {}): void {
    step.value = s;
    values.value = s.form ? initialValues(s.form, prefill) : {};
  }

  /** Leaves any open step, runs `open` (the command's first steps) and shows the form it ends at. */
  async function begin(open: (run: Run) => Promise<CommandStep>, fallback: string, prefill?: FormValues) {
    await cancel();
    error.value = '';
    busy.value = true;
    try {
      show(await open(run), prefill);
    } catch (err) {
      error.value = say(err, fallback);
    } finally {
      busy.value = false;
    }
  }

  /** Sends this step's form: the completed step, or undefined while a form shows (the next, or this one refused). */
  async function submit(fallback: string, timeout?: number): Promise<CommandStep | undefined> {
    const s = step.value;
    if (!s?.form || busy.value) return;
    const left = missing(s.form, values.value);
    if (left.length) {
      error.value = `Fill in ${left.join(', ')}.`;
      return;
    }
    error.value = '';
    busy.value = true;
    const action = s.actions.includes('next') ? 'next' : 'complete';
    try {
      const answer = await run(
        (ops) => commandIq(ops, s.node, action, s.sessionid, submitForm(s.form!, values.value)),
        timeout,
      );
      if (answer.status === 'completed') {
        step.value = null;
        return answer;
      }
      show(answer);
    } catch (err) {
      error.value = say(err, fallback);
    } finally {
      busy.value = false;
    }
  }

  /** Leaves the command (XEP-0050 §4.4: cancel frees the component's session). */
  async function cancel(): Promise<void> {
    const s = step.value;
    step.value = null;
    if (s?.sessionid && s.status === 'executing')
      await run((ops) => commandIq(ops, s.node, 'cancel', s.sessionid)).catch(() => {});
  }

  return { run, step, values, busy, error, begin, submit, cancel };
}
