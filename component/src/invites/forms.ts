// The invites service's forms, declared once (xmpp/dataform.ts).
import {
  FORM_INVITE,
  FORM_INVITE_REVOKE,
  FORM_INVITES,
  INVITE_DAYS_DEFAULT,
  INVITE_DAYS_MAX,
  INVITE_FIELDS as F,
} from '@bleep/protocol';
import type { FormDef } from '../xmpp/dataform.ts';

export const INVITE_FORM: FormDef = {
  formType: FORM_INVITE,
  title: 'Invite',
  instructions: `One name per line: each person gets their own link, valid once. Roles: one per line, lower-case. The link works for ${INVITE_DAYS_DEFAULT} days unless you choose 1 to ${INVITE_DAYS_MAX}.`,
  fields: [
    // Twenty people at once covers a new team; more is several invites.
    { var: F.names, type: 'text-multi', label: 'Names', required: true, maxLength: 100, maxValues: 20 },
    { var: F.roles, type: 'text-multi', label: 'Roles', maxLength: 40, maxValues: 20 },
    { var: F.department, type: 'text-single', label: 'Department', maxLength: 100 },
    { var: F.days, type: 'text-single', label: 'Valid for (days)', maxLength: 2 },
  ],
};

export const INVITES_TABLE: FormDef = {
  formType: FORM_INVITES,
  title: 'Invites',
  fields: [
    { var: F.name, type: 'text-single', label: 'Name' },
    { var: F.jid, type: 'jid-single', label: 'Account' },
    { var: F.roles, type: 'text-multi', label: 'Roles' },
    { var: F.department, type: 'text-single', label: 'Department' },
    { var: F.inviter, type: 'jid-single', label: 'Invited by' },
    { var: F.expires, type: 'text-single', label: 'Valid until' },
    { var: F.link, type: 'text-single', label: 'Link' },
    { var: F.token, type: 'hidden', label: 'Token' },
  ],
};

export const REVOKE_FORM: FormDef = {
  formType: FORM_INVITE_REVOKE,
  title: 'Withdraw an invite',
  instructions: 'The link stops working at once.',
  fields: [{ var: F.token, type: 'text-single', label: 'Token', required: true, maxLength: 64 }],
};
