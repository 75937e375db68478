// The component's own posts in an incident room. It enters the room first
// (muc.ts: once per link to Prosody; after a restart of either it is not in
// it any more), through the same door the requests service uses.
import type { IncidentState } from '@bleep/protocol';
import type { Muc } from '../xmpp/muc.ts';
import type { Element } from '../xmpp/xml.ts';
import { roomPost } from './codec.ts';

export interface PostDeps {
  readonly opsHost: string;
  readonly muc: Muc;
  readonly send: (el: Element) => void;
}

/** `state`: the incident's state now, for clients that show it live (state.ts). */
export async function post(deps: PostDeps, room: string, text: string, state?: IncidentState): Promise<void> {
  await deps.muc.enter(room);
  deps.send(roomPost(deps.opsHost, room, text, state));
}
