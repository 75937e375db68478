// invites and invite-revoke: a server admin sees the pending invites (with
// their links, to give again) and withdraws one; the withdrawal is audited.
import { INVITE_COMMANDS, INVITE_FIELDS as F, INVITE_PAGE } from '@bleep/protocol';
import { recordChange } from '../accounts/target.ts';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import { INVITES_TABLE, REVOKE_FORM } from './forms.ts';
import type { PendingInvite, ProsodyInvites } from './prosody.ts';

/** Where the onboarding page is: the app's public URL ('' in tests: a path on the app's origin). */
export interface Links {
  readonly publicUrl: string;
}

export const linkOf = (token: string, links: Links) => `${links.publicUrl}${INVITE_PAGE}${encodeURIComponent(token)}`;

export function inviteRow(i: PendingInvite, domain: string, links: Links): FormValues {
  return {
    [F.name]: i.preset?.name ?? '',
    [F.jid]: i.user ? `${i.user}@${domain}` : '',
    [F.roles]: [...(i.preset?.roles ?? [])],
    [F.department]: i.preset?.department ?? '',
    [F.inviter]: i.preset?.inviter ?? '',
    [F.expires]: i.expires,
    [F.link]: linkOf(i.token, links),
    [F.token]: i.token,
  };
}

export function listCommand(invites: ProsodyInvites, domain: string, links: Links): Command {
  return {
    node: INVITE_COMMANDS.invites,
    name: 'Pending invites',
    permission: 'server-admin',
    run: async () => ({
      kind: 'done',
      form: INVITES_TABLE,
      rows: (await invites.pending())
        .sort((a, b) => a.expires.localeCompare(b.expires))
        .map((i) => inviteRow(i, domain, links)),
    }),
  };
}

export function revokeCommand(invites: ProsodyInvites, audit: AuditStore, domain: string): Command {
  return {
    node: INVITE_COMMANDS.inviteRevoke,
    name: 'Withdraw an invite',
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: REVOKE_FORM, last: true };
      const token = String(input![F.token] ?? '').trim();
      const invite = (await invites.pending()).find((i) => i.token === token);
      if (!invite)
        throw new BleepError(
          'unknown-invite',
          'There is no such pending invite: it was used, withdrawn or has expired.',
        );
      await invites.revoke(token);
      const jid = invite.user ? `${invite.user}@${domain}` : domain;
      await recordChange(
        audit,
        caller,
        INVITE_COMMANDS.inviteRevoke,
        { jid, user: invite.user },
        { invite: 'pending' },
        { invite: 'withdrawn' },
      );
      return {
        kind: 'done',
        note: `The invite for ${invite.preset?.name || jid} is withdrawn: its link no longer works.`,
      };
    },
  };
}
