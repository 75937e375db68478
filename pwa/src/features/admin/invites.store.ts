// Admin → Accounts → Invite (issue #13): invite one person or several with a
// preset and an expiry, see the pending invites and withdraw one. Only the
// server's admins may (the component refuses anyone else, saying so).
import { INVITE_COMMANDS, INVITE_FIELDS as I } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { parseInvites, type Invite } from './codec.ts';
import { useComplete } from './complete.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { useCommands } from '../forms/run.ts';

export interface InviteDraft {
  /** One name a line. */
  readonly names: string;
  /** Comma or line separated. */
  readonly roles: string;
  readonly department: string;
  readonly days: string;
}

const lines = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

export const useInvites = defineStore('admin-invites', () => {
  const connection = useConnection();
  const run = useCommands();
  const complete = useComplete();
  const pending = ref<Invite[]>([]);
  const error = ref('');

  const invitesOf = (step: Parameters<typeof parseInvites>[0]) => {
    const list = parseInvites(step, location.origin);
    if (list instanceof Error) throw list;
    return list;
  };

  async function load(): Promise<void> {
    try {
      pending.value = invitesOf(await run((ops) => commandIq(ops, INVITE_COMMANDS.invites, 'execute')));
      error.value = '';
    } catch (err) {
      error.value = refusalText(err, 'The invites could not be listed. Try again.');
    }
  }

  /** Makes the invites; resolves with them (their links to give) and the server's note, or throws its refusal. */
  async function invite(d: InviteDraft): Promise<{ made: Invite[]; note: string }> {
    const step = await complete(
      INVITE_COMMANDS.inviteCreate,
      {
        [I.names]: lines(d.names, /\n/),
        [I.roles]: lines(d.roles.toLowerCase(), /[\n,]/),
        [I.department]: d.department.trim(),
        [I.days]: d.days.trim(),
      },
      'No invite was made. Try again.',
    );
    const made = invitesOf(step);
    void load();
    return { made, note: step.note };
  }

  async function revoke(token: string): Promise<string> {
    const step = await complete(INVITE_COMMANDS.inviteRevoke, { [I.token]: token }, 'The invite was not withdrawn.');
    pending.value = pending.value.filter((i) => i.token !== token);
    return step.note;
  }

  connection.onLogout(() => {
    pending.value = [];
    error.value = '';
  });

  return { pending, error, load, invite, revoke };
});
