// The whoami result form, declared once (protocol/fixtures/whoami-result.xml).
import { FORM_WHOAMI, WHOAMI_FIELDS, type WhoAmI } from '@bleep/protocol';
import type { FormDef, FormValues } from '../xmpp/dataform.ts';

export const WHOAMI_FORM: FormDef = {
  formType: FORM_WHOAMI,
  title: 'Who am I',
  fields: [
    { var: WHOAMI_FIELDS.jid, type: 'jid-single', label: 'Account' },
    { var: WHOAMI_FIELDS.name, type: 'text-single', label: 'Name' },
    { var: WHOAMI_FIELDS.roles, type: 'list-multi', label: 'Roles' },
    { var: WHOAMI_FIELDS.department, type: 'text-single', label: 'Department' },
  ],
};

export function whoamiValues(w: WhoAmI): FormValues {
  return {
    [WHOAMI_FIELDS.jid]: w.jid,
    [WHOAMI_FIELDS.name]: w.name,
    [WHOAMI_FIELDS.roles]: [...w.roles],
    [WHOAMI_FIELDS.department]: w.department,
  };
}
