// Writing to a role with encryption on (issue #11): the component names who
// holds the role on duty (role-resolve, protocol/README.md, which also records
// whom the message reached), then the text goes to each of them as an
// ordinary 1:1 message. The one message pipeline encrypts it (OMEMO) for
// their devices at the moment it goes, and the outbox keeps it until it has;
// the component never sees the words. A message its user cancels after all
// (some cannot get it encrypted) is withdrawn (role-withdraw): the record
// then says it reached nobody.
import { COMMANDS, ROLE_RESOLVE_FIELDS as F } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { commandIq, type CommandStep } from '../forms/command.ts';
import { submitForm } from '../forms/dataform.ts';
import { parseResolved, type Reached } from './codec.ts';

type Run = (iq: (ops: string) => XmlElement) => Promise<CommandStep>;

/** Who holds `role` on duty, for the message `id` (the same id again, a retry, gives the same people). */
export async function resolveRole(run: Run, role: string, id: string): Promise<Reached['people']> {
  const step = await run((ops) => commandIq(ops, COMMANDS.roleResolve, 'execute'));
  const done = await submit(run, step, { [F.role]: [role], [F.messageId]: [id] });
  const people = parseResolved(done.x);
  if (people instanceof Error) throw people;
  return people;
}

/** The message `id`, resolved above, was cancelled: the component records that it reached nobody. */
export async function withdrawRole(run: Run, id: string): Promise<void> {
  await submit(run, await run((ops) => commandIq(ops, COMMANDS.roleWithdraw, 'execute')), { [F.messageId]: [id] });
}

/** Completes a command's one form with `values`. */
async function submit(run: Run, step: CommandStep, values: Record<string, string[]>): Promise<CommandStep> {
  const form = step.form;
  if (!form) throw new Error('The operations service did not open the role form.');
  return run((ops) => commandIq(ops, step.node, 'complete', step.sessionid, submitForm(form, values)));
}
