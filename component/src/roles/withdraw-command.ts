// role-withdraw (issue #11): the sender cancelled a role message that
// role-resolve had already recorded as reaching the holders. With encryption
// on, the client learns who holds the role (role-resolve) and only then can
// tell whether each of them can get it encrypted, and ask its user. Recording
// at resolve time and withdrawing on cancel keeps the usual send to one
// role-resolve call, so the outbox's resend (same id, one record) works as it
// did; asking first and recording in a second call (caad34b) doubled the
// round trips and made the resend flaky. The record is kept, marked withdrawn
// with the time, its reached list empty: the audit says it was written to the
// role and cancelled, and reached nobody.
import { COMMANDS, FORM_ROLE_WITHDRAW, ROLE_RESOLVE_FIELDS as F } from '@bleep/protocol';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormDef } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Store } from '../store/types.ts';
import { originIdOf } from './codec.ts';
import { deliveryId } from './deliver.ts';

export const WITHDRAW_FORM: FormDef = {
  formType: FORM_ROLE_WITHDRAW,
  title: 'Cancel a message to a role',
  instructions: 'The id of the message you did not send after all (the one you gave Write to a role).',
  fields: [{ var: F.messageId, type: 'text-single', label: 'Message id', required: true, maxLength: 128 }],
};

export function withdrawCommand(store: Store): Command {
  return {
    node: COMMANDS.roleWithdraw,
    name: 'Cancel a message to a role (it reached nobody)',
    // Anyone who may write to a role; the id is kept apart per sender (deliveryId), so only their own.
    permission: 'staff',
    async run({ caller, step, input }) {
      if (step === 0) return { kind: 'form', form: WITHDRAW_FORM, last: true };
      const originId = originIdOf(input?.[F.messageId] as string | undefined);
      const record = originId && (await store.deliveries.get(deliveryId(caller.bare, originId)));
      if (!record) throw new BleepError('unknown-role-message');
      // The component delivered it itself: it did reach them, and that stays recorded.
      if (!record.byClient)
        throw new BleepError(
          'not-allowed',
          'The operations service delivered this message to the role itself; it reached them and cannot be withdrawn.',
        );
      // Again (a retry of the withdrawal) keeps the first time.
      if (!record.withdrawnAt) await store.deliveries.withdraw(record.id, new Date().toISOString());
      return { kind: 'done', note: `Withdrawn: your message to ${record.role} reached nobody.` };
    },
  };
}
