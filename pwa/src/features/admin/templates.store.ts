// Admin → Quick-response templates (issue #13 part 4): `templates` lists them,
// `template-edit` opens one, `template-delete` deletes it (record-editor.ts).
import { TEMPLATE_COMMANDS, TEMPLATE_FIELDS as F } from '@bleep/protocol';
import { defineRecordEditor } from './record-editor.ts';

export const useTemplateEditor = defineRecordEditor('admin-templates', {
  list: TEMPLATE_COMMANDS.templates,
  edit: TEMPLATE_COMMANDS.templateEdit,
  idVar: F.id,
  noun: 'template',
  remove: TEMPLATE_COMMANDS.templateDelete,
});
