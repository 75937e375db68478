// An admin command run to its end in one go (accounts, invites): execute, then
// complete with the form filled in. Its last step, or a throw with the
// refusal in words.
import { refusalText, commandIq, type CommandStep } from '../forms/command.ts';
import { submitForm } from '../forms/dataform.ts';
import { useCommands } from '../forms/run.ts';

export type Filled = Readonly<Record<string, string | readonly string[]>>;

export function useComplete() {
  const run = useCommands();
  return async function complete(node: string, values: Filled, fallback: string): Promise<CommandStep> {
    try {
      const step = await run((ops) => commandIq(ops, node, 'execute'));
      const filled = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v]]),
      );
      return await run((ops) => commandIq(ops, node, 'complete', step.sessionid, submitForm(step.form!, filled)));
    } catch (err) {
      throw new Error(refusalText(err, fallback), { cause: err });
    }
  };
}
