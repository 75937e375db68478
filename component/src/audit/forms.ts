// The audit-log command's forms, declared once (xmpp/dataform.ts): the query
// renders for the client and validates what comes back.
import { AUDIT_LOG_FIELDS as F, AUDIT_TARGET_KINDS, FORM_AUDIT_LOG, FORM_AUDIT_QUERY } from '@bleep/protocol';
import type { FormDef } from '../xmpp/dataform.ts';

export const QUERY_FORM: FormDef = {
  formType: FORM_AUDIT_QUERY,
  title: 'Audit log',
  instructions: `Leave every field empty for the latest records. Times are XEP-0082 (2026-11-30T10:00:00Z). What: ${AUDIT_TARGET_KINDS.join(', ')}.`,
  fields: [
    { var: F.from, type: 'text-single', label: 'From', maxLength: 40 },
    { var: F.to, type: 'text-single', label: 'Until', maxLength: 40 },
    { var: F.actor, type: 'jid-single', label: 'By', maxLength: 3071 },
    { var: F.kind, type: 'text-single', label: 'What', maxLength: 40 },
    { var: F.before, type: 'text-single', label: 'Older than record', maxLength: 100 },
  ],
};

export const LOG_TABLE: FormDef = {
  formType: FORM_AUDIT_LOG,
  title: 'Audit log',
  fields: [
    { var: F.id, type: 'text-single', label: 'Record' },
    { var: F.at, type: 'text-single', label: 'When' },
    { var: F.actor, type: 'jid-single', label: 'By' },
    { var: F.action, type: 'text-single', label: 'Action' },
    { var: F.target, type: 'text-single', label: 'About' },
    { var: F.old, type: 'text-single', label: 'Before (JSON)' },
    { var: F.new, type: 'text-single', label: 'After (JSON)' },
    { var: F.change, type: 'text-single', label: 'Change' },
    { var: F.cut, type: 'text-single', label: 'Cut short' },
  ],
};
