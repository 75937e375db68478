// template-delete (admins): the template leaves the list `request` offers,
// saved with its audit record (after: null) in one transaction. Requests
// already sent keep their own copy, so they run on. A deleted default stays
// deleted across restarts (store deleteTemplate). The template the
// dispatchers' map sends (pwa map/assistance.ts) is refused: its button would
// stop working.
import { randomUUID } from 'node:crypto';
import { TEMPLATE_COMMANDS, TEMPLATE_FIELDS as F, TEMPLATE_IDS } from '@bleep/protocol';
import type { TemplateStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import { TEMPLATE_DELETE_FORM } from './template-form.ts';

export function templateDeleteCommand(templates: TemplateStore): Command {
  return {
    node: TEMPLATE_COMMANDS.templateDelete,
    name: 'Delete a quick-response template',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: TEMPLATE_DELETE_FORM, last: true };
      const id = String(input![F.id]).trim().toLowerCase();
      if (id === TEMPLATE_IDS.requestAssistance) throw new BleepError('template-in-use');
      const meta = {
        id: randomUUID(),
        at: new Date().toISOString(),
        actor: caller.bare,
        action: TEMPLATE_COMMANDS.templateDelete,
      };
      const before = await templates.deleteTemplate(id, meta);
      if (!before) throw new BleepError('unknown-template', `There is no template ${quote(id)}.`);
      return { kind: 'done', note: `Deleted the template ${before.title}. Requests already sent keep it.` };
    },
  };
}
