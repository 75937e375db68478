// The server settings' forms (protocol/src/settings.ts). The edit form has one field per editable key
// (prosody-config's editable.ts, the one list the CLI uses too), filled in with the values as they stand.
import { FORM_SETTINGS, FORM_SETTINGS_EDIT, FORM_SETTINGS_RESULT, SETTINGS_FIELDS as F } from '@bleep/protocol';
import { restartKeys } from '@bleep/prosody-config';
import type { FieldDef, FormDef, FormValues } from '../xmpp/dataform.ts';
import type { ShownSettings } from './prosody.ts';

export const SETTINGS_TABLE: FormDef = {
  formType: FORM_SETTINGS,
  title: 'Server settings',
  fields: [
    { var: F.key, type: 'text-single', label: 'Setting' },
    { var: F.label, type: 'text-single', label: 'What it is' },
    { var: F.value, type: 'text-single', label: 'Value' },
    { var: F.source, type: 'text-single', label: 'From (edited, .env or default)' },
    { var: F.restart, type: 'boolean', label: 'Takes effect at the next restart' },
  ],
};

export const RESULT_FORM: FormDef = {
  formType: FORM_SETTINGS_RESULT,
  title: 'Server settings',
  fields: [
    { var: F.changed, type: 'text-multi', label: 'Changed' },
    { var: F.atRestart, type: 'text-multi', label: 'Takes effect at the next restart' },
    { var: F.diff, type: 'text-multi', label: 'Changes to prosody.cfg.lua' },
    { var: F.handEditsFound, type: 'text-multi', label: 'Edited by hand in prosody.cfg.lua' },
  ],
};

const HAND_EDITS: FieldDef = {
  var: F.handEdits,
  type: 'list-single',
  label: 'Options edited by hand in prosody.cfg.lua',
  options: [
    { value: 'refuse', label: 'Stop and show them' },
    { value: 'keep', label: 'Keep them' },
    { value: 'overwrite', label: 'Overwrite them' },
  ],
};

/** The rows of the settings table. */
export const settingsRows = (s: ShownSettings): FormValues[] =>
  s.settings.map((r) => ({
    [F.key]: r.key,
    [F.label]: r.label,
    [F.value]: r.value,
    [F.source]: r.source,
    [F.restart]: restartKeys.has(r.key),
  }));

/** The edit form, every editable key filled in; apply asks what to do with hand edits too. */
export function editForm(s: ShownSettings, apply: boolean): { form: FormDef; values: FormValues } {
  const fields: FieldDef[] = s.settings.map((r) => ({
    var: r.key,
    type: 'text-single',
    label: restartKeys.has(r.key) ? `${r.label} (takes effect at the next restart)` : r.label,
    maxLength: 2000,
    // Emptied: back to the value in .env (the instructions say so; prosody-config reads '' that way).
    emptyIsValue: true,
  }));
  return {
    form: {
      formType: FORM_SETTINGS_EDIT,
      title: apply ? 'Apply server settings' : 'Preview server settings',
      instructions:
        'Change the values to edit; leave a field empty to go back to the value in .env. Each change is checked ' +
        'like .env: insecure settings are refused with the reason.',
      fields: apply ? [...fields, HAND_EDITS] : fields,
    },
    values: {
      ...Object.fromEntries(s.settings.map((r) => [r.key, r.value])),
      ...(apply ? { [F.handEdits]: 'refuse' } : {}),
    },
  };
}

/** The keys submitted with a value other than the one the form showed (a field left out changes nothing). */
export function editsOf(input: FormValues, shown: Readonly<Record<string, string>>): Record<string, string> {
  const edits: Record<string, string> = {};
  for (const [key, was] of Object.entries(shown)) {
    if (input[key] === undefined) continue;
    const now = String(input[key]).trim();
    if (now !== was) edits[key] = now;
  }
  return edits;
}
