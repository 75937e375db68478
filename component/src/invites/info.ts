// The onboarding page asks, before anyone is signed in, what an invite link
// is for: whose account, which name and roles, who invited. The token is the
// only key (unguessable, single use, expiring); a used, withdrawn or expired
// one is refused saying which, so the person knows to ask for a new link.
import { INVITE_FIELDS as F, type InviteInfo } from '@bleep/protocol';
import type { PostHandler } from '../http/routes.ts';
import type { DirectoryStore } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { ProsodyInvites } from './prosody.ts';

// mod_invites' tokens (util.id.medium) are 12 URL-safe base64 characters.
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function inviteInfo(invites: ProsodyInvites, directory: DirectoryStore, domain: string): PostHandler {
  return async (body) => {
    const token = String(body[F.token] ?? '');
    if (!TOKEN.test(token)) throw new BleepError('unknown-invite');
    const invite = await invites.info(token);
    if (!invite.preset || !invite.user) throw new BleepError('unknown-invite');
    const inviter = invite.preset.inviter;
    const info: InviteInfo = {
      jid: `${invite.user}@${domain}`,
      name: invite.preset.name,
      roles: invite.preset.roles,
      department: invite.preset.department,
      inviter: (inviter && (await directory.get(inviter))?.name) || inviter,
      expires: invite.expires,
    };
    return { text: `An invite for ${info.name}.`, invite: info };
  };
}
