// templates (every staff member: what a request can be, for any client) and
// template-edit (admins; xmpp/edit-command.ts): the template is read from the
// form, checked (template-problems.ts), saved with its audit record in one
// transaction. A refused edit changes nothing and says every reason. The next
// request sends the edited template; requests already sent keep their own copy.
import { TEMPLATE_COMMANDS, TEMPLATE_FIELDS as F } from '@bleep/protocol';
import type { TemplateStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { editCommand } from '../xmpp/edit-command.ts';
import { templateProblems, type TemplateContext } from './template-problems.ts';
import {
  TEMPLATE_FORM,
  TEMPLATE_ID_FORM,
  TEMPLATES_TABLE,
  templateFromValues,
  templateValues,
} from './template-form.ts';

export function templatesCommand(templates: TemplateStore): Command {
  return {
    node: TEMPLATE_COMMANDS.templates,
    name: 'Quick-response templates',
    permission: 'staff',
    run: async () => ({ kind: 'done', form: TEMPLATES_TABLE, rows: (await templates.templates()).map(templateValues) }),
  };
}

export function templateEditCommand(templates: TemplateStore, ctx: TemplateContext): Command {
  return editCommand({
    node: TEMPLATE_COMMANDS.templateEdit,
    name: 'Edit a quick-response template',
    noun: 'template',
    idForm: TEMPLATE_ID_FORM,
    idVar: F.id,
    form: TEMPLATE_FORM,
    load: async (id) => {
      const stored = (await templates.templates()).find((t) => t.id === id);
      return stored ? templateValues(stored) : { [F.id]: id, [F.rule]: 'each', [F.onAccept]: 'none' };
    },
    read: async (values) => {
      const { template, problems } = templateFromValues(values);
      return { value: template, problems: [...problems, ...(await templateProblems(template, ctx))] };
    },
    save: (t, audit) => templates.editTemplate(t, audit),
    label: (t) => t.title,
  });
}
