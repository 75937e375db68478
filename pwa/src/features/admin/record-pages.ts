// The records an admin edits in AdminRecordEditor.vue (issue #13 part 4), by
// the kind the router names: each one's store, the title of one, its list page.
// The kind is also the test id prefix (`preset-save`, `template-error`).
import { usePresetEditor } from './presets.store.ts';
import { useTemplateEditor } from './templates.store.ts';

export const RECORD_PAGES = {
  preset: {
    store: usePresetEditor,
    title: 'Alarm preset',
    back: '/admin/presets',
    backLabel: 'Back to the alarm presets',
  },
  template: {
    store: useTemplateEditor,
    title: 'Template',
    back: '/admin/templates',
    backLabel: 'Back to the templates',
    deleteEffect: (id: string) =>
      `Delete the template ${id}? Staff can no longer send it; requests already sent keep it. ` +
      'The audit log keeps it, and it can be added again under the same id.',
  },
} as const;

export type RecordKind = keyof typeof RECORD_PAGES;
