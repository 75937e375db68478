// The accounts service's forms, declared once (xmpp/dataform.ts).
import { ACCOUNT_FIELDS as F, FORM_ACCOUNT, FORM_ACCOUNTS } from '@bleep/protocol';
import type { FormDef } from '../xmpp/dataform.ts';

export const ACCOUNT_FORM: FormDef = {
  formType: FORM_ACCOUNT,
  title: 'Account',
  fields: [{ var: F.jid, type: 'jid-single', label: 'Address', required: true, maxLength: 3071 }],
};

export const ACCOUNTS_TABLE: FormDef = {
  formType: FORM_ACCOUNTS,
  title: 'Accounts',
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address' },
    { var: F.disabled, type: 'boolean', label: 'Disabled' },
  ],
};
