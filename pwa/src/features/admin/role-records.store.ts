// Admin → Messages to roles (issue #11): the component's records of messages
// written to a role, newest first, a page at a time (the role-records
// command): when, who wrote it, to which role, whom it reached, withdrawn or
// not. Only the server's admins may, as for the audit log; anyone else sees
// the server's refusal.
import { AUDIT_COMMANDS, ROLE_RECORDS_FIELDS as R } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { useComplete } from './complete.ts';
import { paged } from './paged.ts';
import { parseRoleRecords, type RoleRecord } from './role-records-codec.ts';

export const useRoleRecords = defineStore('admin-role-records', () => {
  const complete = useComplete();
  const { rows, error, more, loading, first, older } = paged(async (before): Promise<RoleRecord[]> => {
    const step = await complete(
      AUDIT_COMMANDS.roleRecords,
      { [R.before]: before },
      'The records of messages to roles could not be read.',
    );
    const got = parseRoleRecords(step);
    if (got instanceof Error) throw got;
    return got;
  });
  return { rows, error, more, loading, load: first, older };
});
