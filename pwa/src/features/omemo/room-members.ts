// Who an encrypted room message is for: every member of the room, whether in
// the room now or not (XEP-0384 0.3 §5: rooms must be members-only and
// non-anonymous). Prosody gives members the owner, admin and member lists
// only in such rooms (muc.lib.lua, handle_admin_query_get_command), so a
// refusal means the room cannot have OMEMO; no answer at all means nothing. Asked at each message, so
// membership changes are followed as they happen.
import { NS_MUC_ADMIN } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Request } from './devices.ts';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();

/** The members' bare JIDs; undefined when the room does not give them (not OMEMO-capable). */
export async function roomMembers(request: Request, room: string): Promise<string[] | undefined> {
  try {
    const lists = await Promise.all(
      ['owner', 'admin', 'member'].map((affiliation) =>
        request(
          xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation }))),
        ),
      ),
    );
    const jids = lists
      .flatMap((r) => r.getChild('query', NS_MUC_ADMIN)?.getChildren('item') ?? [])
      .map((i) => bare(i.attrs.jid));
    return [...new Set(jids.filter(Boolean))];
  } catch (err) {
    // An error answer is the room's refusal; a timeout or a lost link says nothing (the caller holds the message).
    if ((err as { condition?: string } | undefined)?.condition) return undefined;
    throw err;
  }
}
