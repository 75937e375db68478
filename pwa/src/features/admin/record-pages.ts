// The records an admin edits in AdminRecordEditor.vue (issue #13 part 4), by
// the kind the router names: each one's store, the title of one, its list page
// (AdminRecordList.vue: its title, the label of a new one's id). The kind is
// also the test id prefix (`preset-save`, `template-error`) and names one's
// address (`/admin/preset/<id>`).
import { usePresetEditor } from './presets.store.ts';
import { useTemplateEditor } from './templates.store.ts';

export const RECORD_PAGES = {
  preset: {
    store: usePresetEditor,
    title: 'Alarm preset',
    back: '/admin/presets',
    backLabel: 'Back to the alarm presets',
    listTitle: 'Alarm presets',
    newLabel: 'New preset: its id (lower-case letters, digits and -, e.g. sepsis-alert)',
  },
  template: {
    store: useTemplateEditor,
    title: 'Template',
    back: '/admin/templates',
    backLabel: 'Back to the templates',
    listTitle: 'Quick-response templates',
    newLabel: 'New template: its id (lower-case letters, digits and -, e.g. porter-needed)',
    deleteEffect: (id: string) =>
      `Delete the template ${id}? Staff can no longer send it; requests already sent keep it. ` +
      'The audit log keeps it, and it can be added again under the same id.',
  },
} as const;

export type RecordKind = keyof typeof RECORD_PAGES;
