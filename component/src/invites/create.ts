// invite-create: a server admin invites one person or several (one name a
// line), each with the same roles and department and their own single-use
// link, valid for a number of days. Prosody keeps the token and the preset
// (mod_bleep_invites); each invite is in the audit record.
import { INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX, INVITE_COMMANDS, INVITE_FIELDS as F } from '@bleep/protocol';
import type { ProsodyAccounts } from '../accounts/prosody.ts';
import { recordChange } from '../accounts/target.ts';
import { entryProblems } from '../directory/validate.ts';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import { INVITE_FORM, INVITES_TABLE } from './forms.ts';
import { inviteRow, type Links } from './list.ts';
import type { ProsodyInvites } from './prosody.ts';
import { accountName } from './username.ts';

const DAY = 86_400;
const list = (v: FormValues[string] | undefined) =>
  ((v as readonly string[] | undefined) ?? []).map((s) => s.trim()).filter(Boolean);

function daysOf(input: FormValues): number {
  const given = String(input[F.days] ?? '').trim();
  if (!given) return INVITE_DAYS_DEFAULT;
  const days = Number(given);
  if (!Number.isInteger(days) || days < 1 || days > INVITE_DAYS_MAX)
    throw new BleepError('bad-form', `Valid for: a whole number of days from 1 to ${INVITE_DAYS_MAX}.`);
  return days;
}

export function createCommand(
  invites: ProsodyInvites,
  accounts: ProsodyAccounts,
  audit: AuditStore,
  domain: string,
  links: Links,
): Command {
  return {
    node: INVITE_COMMANDS.inviteCreate,
    name: 'Invite',
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: INVITE_FORM, last: true };
      const names = list(input![F.names]);
      const roles = list(input![F.roles]);
      const department = String(input![F.department] ?? '').trim();
      const days = daysOf(input!);
      if (!names.length) throw new BleepError('bad-form', 'Names: write the name of at least one person.');
      const taken = new Set([
        ...(await accounts.list()).map((a) => a.user),
        ...(await invites.pending()).map((i) => i.user),
      ]);
      const people = names.map((name) => {
        const user = accountName(name, taken);
        taken.add(user);
        const problems = entryProblems({ jid: `${user}@${domain}`, name, roles, department }, domain);
        if (problems.length) throw new BleepError('bad-form', `${name}: ${problems.join('; ')}.`);
        return { user, name };
      });
      const rows: FormValues[] = [];
      for (const { user, name } of people) {
        const invite = await invites.create(user, days * DAY, { name, roles, department, inviter: caller.bare });
        const jid = `${user}@${domain}`;
        await recordChange(
          audit,
          caller,
          INVITE_COMMANDS.inviteCreate,
          { jid, user },
          { invite: 'none' },
          { invite: `valid until ${invite.expires}`, name, roles, department },
        );
        rows.push(inviteRow(invite, domain, links));
      }
      const n = rows.length;
      return {
        kind: 'done',
        form: INVITES_TABLE,
        rows,
        note: `${n} invite${n === 1 ? '' : 's'} made, valid for ${days} day${days === 1 ? '' : 's'}. Give each person their own link.`,
      };
    },
  };
}
