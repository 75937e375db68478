// The directory's forms, declared once: each renders for the client and
// validates what comes back (xmpp/dataform.ts).
import {
  AUDIT_FIELDS as A,
  DIRECTORY_FIELDS as F,
  FORM_DIRECTORY_AUDIT,
  FORM_DIRECTORY_DELETE,
  FORM_DIRECTORY_EDIT,
  FORM_DIRECTORY_RENAME,
  FORM_DIRECTORY_RESULT,
  FORM_DIRECTORY_ROLE_DELETE,
  FORM_DIRECTORY_ROLE_RENAME,
  FORM_DIRECTORY_SEARCH,
  FORM_DUTY,
  type DirectoryListing,
} from '@bleep/protocol';
import type { FormDef, FormValues } from '../xmpp/dataform.ts';

export const SEARCH_FORM: FormDef = {
  formType: FORM_DIRECTORY_SEARCH,
  title: 'Find a colleague',
  instructions: 'Fill in any of the fields; leave all empty to list everyone.',
  fields: [
    { var: F.query, type: 'text-single', label: 'Name', maxLength: 100 },
    { var: F.roles, type: 'text-single', label: 'Role', maxLength: 40 },
    { var: F.department, type: 'text-single', label: 'Department', maxLength: 100 },
    { var: F.onDuty, type: 'boolean', label: 'On duty only' },
  ],
};

export const RESULT_TABLE: FormDef = {
  formType: FORM_DIRECTORY_RESULT,
  title: 'Staff directory',
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address' },
    { var: F.name, type: 'text-single', label: 'Name' },
    { var: F.roles, type: 'list-multi', label: 'Roles' },
    { var: F.department, type: 'text-single', label: 'Department' },
    { var: F.extension, type: 'text-single', label: 'Extension' },
    { var: F.onDuty, type: 'boolean', label: 'On duty' },
    { var: F.online, type: 'boolean', label: 'Online' },
  ],
};

export const DUTY_FORM: FormDef = {
  formType: FORM_DUTY,
  title: 'Duty',
  fields: [{ var: F.onDuty, type: 'boolean', label: 'On duty', required: true }],
};

export const EDIT_FORM: FormDef = {
  formType: FORM_DIRECTORY_EDIT,
  title: 'Edit a directory entry',
  instructions: 'Roles: one per line, lower-case (doctor, nurse, dispatcher, admin, or a specialty).',
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address', required: true },
    { var: F.name, type: 'text-single', label: 'Name', required: true, maxLength: 100 },
    // A person holds a few roles; twenty is generous, and bounds what one edit can store.
    { var: F.roles, type: 'text-multi', label: 'Roles', maxLength: 40, maxValues: 20 },
    { var: F.department, type: 'text-single', label: 'Department', maxLength: 100 },
    { var: F.extension, type: 'text-single', label: 'Extension', maxLength: 20 },
  ],
};

export const DELETE_FORM: FormDef = {
  formType: FORM_DIRECTORY_DELETE,
  title: 'Delete a directory entry',
  instructions: 'The person leaves the directory, their roles and their department room; their account stays.',
  fields: [{ var: F.jid, type: 'jid-single', label: 'Address', required: true }],
};

export const RENAME_FORM: FormDef = {
  formType: FORM_DIRECTORY_RENAME,
  title: 'Rename a department',
  instructions: 'Everyone in the department moves to the new name at once, and so does its room.',
  fields: [
    { var: F.department, type: 'text-single', label: 'Department', required: true, maxLength: 100 },
    { var: F.newDepartment, type: 'text-single', label: 'New name', required: true, maxLength: 100 },
  ],
};

export const ROLE_RENAME_FORM: FormDef = {
  formType: FORM_DIRECTORY_ROLE_RENAME,
  title: 'Rename a role',
  instructions: 'Everyone who holds the role holds the new name instead, at once.',
  fields: [
    { var: F.role, type: 'text-single', label: 'Role', required: true, maxLength: 40 },
    { var: F.newRole, type: 'text-single', label: 'New name', required: true, maxLength: 40 },
  ],
};

export const ROLE_DELETE_FORM: FormDef = {
  formType: FORM_DIRECTORY_ROLE_DELETE,
  title: 'Delete a role',
  instructions: 'Everyone who holds the role loses it, at once; their entries stay.',
  fields: [{ var: F.role, type: 'text-single', label: 'Role', required: true, maxLength: 40 }],
};

export const AUDIT_TABLE: FormDef = {
  formType: FORM_DIRECTORY_AUDIT,
  title: 'Admin edits',
  fields: [
    { var: A.at, type: 'text-single', label: 'When' },
    { var: A.actor, type: 'jid-single', label: 'By' },
    { var: A.target, type: 'jid-single', label: 'Entry' },
    { var: A.change, type: 'text-single', label: 'Change' },
  ],
};

export function entryValues(e: DirectoryListing): FormValues {
  return {
    [F.jid]: e.jid,
    [F.name]: e.name,
    [F.roles]: [...e.roles],
    [F.department]: e.department,
    [F.extension]: e.extension,
    [F.onDuty]: e.onDuty,
    [F.online]: e.online,
  };
}
