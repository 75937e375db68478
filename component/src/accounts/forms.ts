// The accounts service's forms, declared once (xmpp/dataform.ts).
import {
  ACCOUNT_FIELDS as F,
  FORM_ACCOUNT,
  FORM_ACCOUNT_PASSWORD,
  FORM_ACCOUNTS,
  FORM_DEVICE,
  FORM_DEVICES,
  PASSWORD_MIN,
} from '@bleep/protocol';
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

export const PASSWORD_FORM: FormDef = {
  formType: FORM_ACCOUNT_PASSWORD,
  title: 'Set a new password',
  instructions: `At least ${PASSWORD_MIN} characters. Give it to the person in person, never by message.`,
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address', required: true, maxLength: 3071 },
    { var: F.password, type: 'text-private', label: 'New password', required: true, maxLength: 1023 },
  ],
};

export const DEVICES_TABLE: FormDef = {
  formType: FORM_DEVICES,
  title: 'Devices',
  fields: [
    { var: F.device, type: 'text-single', label: 'Device' },
    { var: F.first, type: 'text-single', label: 'First sign-in' },
    { var: F.last, type: 'text-single', label: 'Last sign-in' },
    { var: F.online, type: 'text-single', label: 'Sessions now' },
  ],
};

export const DEVICE_FORM: FormDef = {
  formType: FORM_DEVICE,
  title: 'Sign a device out',
  instructions: "The device from the account's list of devices: its sessions end and its sign-in tokens are revoked.",
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address', required: true, maxLength: 3071 },
    { var: F.device, type: 'text-single', label: 'Device', required: true, maxLength: 64 },
  ],
};
