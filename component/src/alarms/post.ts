// The component's own posts in an incident room. It enters the room first
// (once per process: after a restart it is not in it any more), through the
// same door the requests service uses.
import type { Notify } from '../requests/notify.ts';
import type { Element } from '../xmpp/xml.ts';
import { roomPost } from './codec.ts';

export interface PostDeps {
  readonly opsHost: string;
  readonly notify: Notify;
  readonly send: (el: Element) => void;
}

export async function post(deps: PostDeps, room: string, text: string): Promise<void> {
  await deps.notify.inRoom(room);
  deps.send(roomPost(deps.opsHost, room, text));
}
