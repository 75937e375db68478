// The requests' forms, declared once (xmpp/dataform.ts): step 1 of `request`
// (template and whom), step 2 (the template's own fields), the result, the
// `requests` table and the CSV export.
import {
  FORM_REQUEST,
  FORM_REQUEST_FIELDS,
  FORM_REQUEST_SENT,
  FORM_REQUESTS,
  FORM_REQUESTS_EXPORT,
  REQUEST_FIELDS as F,
  REQUEST_SENT_FIELDS as S,
  REQUESTS_EXPORT_FIELDS as X,
  REQUESTS_FIELDS as L,
} from '@bleep/protocol';
import type { RequestTemplate } from '../store/types.ts';
import type { FormDef } from '../xmpp/dataform.ts';

const ruleWords = (t: RequestTemplate) =>
  t.rule.kind === 'exclusive'
    ? 'first to accept takes it'
    : t.rule.kind === 'each'
      ? 'everyone answers'
      : `${t.rule.n} needed`;

export function requestForm(templates: readonly RequestTemplate[]): FormDef {
  return {
    formType: FORM_REQUEST,
    title: 'Send a request',
    instructions:
      'Pick a template and whom to ask: people, a role (whoever holds it on duty now) or a room (its members).',
    fields: [
      {
        var: F.template,
        type: 'list-single',
        label: 'Template',
        required: true,
        options: templates.map((t) => ({ value: t.id, label: `${t.title} (${ruleWords(t)})` })),
      },
      { var: F.people, type: 'jid-multi', label: 'People' },
      { var: F.role, type: 'text-single', label: 'Role (on duty now)', maxLength: 40 },
      { var: F.room, type: 'jid-single', label: 'Room' },
      // Hidden: where the sender's own copy is shown (their client fills it in; protocol/README.md).
      { var: F.chat, type: 'hidden', label: 'Sent from (the chat your own copy is shown in)' },
    ],
  };
}

/** Step 2: the template's context fields, as it declares them. */
export function fieldsForm(t: RequestTemplate): FormDef {
  return {
    formType: FORM_REQUEST_FIELDS,
    title: t.title,
    fields: t.fields.map((f) => ({ ...f, maxLength: 500 })),
  };
}

export const SENT_FORM: FormDef = {
  formType: FORM_REQUEST_SENT,
  title: 'Request sent',
  fields: [
    { var: S.id, type: 'text-single', label: 'Request' },
    { var: S.jid, type: 'jid-single', label: 'Answers go to' },
    { var: S.addressed, type: 'text-single', label: 'People asked' },
  ],
};

export const REQUESTS_TABLE: FormDef = {
  formType: FORM_REQUESTS,
  title: 'Your requests',
  fields: [
    { var: L.id, type: 'text-single', label: 'Request' },
    { var: L.jid, type: 'jid-single', label: 'Answers go to' },
    { var: L.template, type: 'text-single', label: 'Template' },
    { var: L.title, type: 'text-single', label: 'Title' },
    { var: L.sender, type: 'jid-single', label: 'Sender' },
    { var: L.status, type: 'text-single', label: 'Status' },
    { var: L.addressed, type: 'text-single', label: 'Asked' },
    { var: L.accepted, type: 'text-single', label: 'Accepted' },
    { var: L.declined, type: 'text-single', label: 'Declined' },
    { var: L.answers, type: 'text-multi', label: 'Answers' },
    { var: L.created, type: 'text-single', label: 'Sent' },
    { var: L.expires, type: 'text-single', label: 'Expires' },
  ],
};

export const EXPORT_FORM: FormDef = {
  formType: FORM_REQUESTS_EXPORT,
  title: 'Requests (CSV)',
  fields: [{ var: X.csv, type: 'text-multi', label: 'CSV' }],
};
