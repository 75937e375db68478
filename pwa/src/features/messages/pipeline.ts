// Every incoming message goes the same way, one after the other in arrival
// order: unwrap (at arrival, so a room sender is known by the presence of that
// moment, or by the room's answer when it was not known) → the async
// transforms (OMEMO decryption plugs in here) → read the content → dispatch.
// drain() resolves once everything received before it is dispatched: an
// archive query awaits its IQ result, then drain(), and has its page complete
// and in order.
import type { XmlElement } from '@xmpp/client';
import { stripMarks } from './security.ts';
import { read, unwrap, type Envelope, type InboundContext, type Incoming } from './inbound.ts';

/** Turns a message into the one to read (e.g. decrypts it); a rejection leaves the message out. */
export type InboundTransform = (msg: XmlElement, env: Envelope) => Promise<XmlElement>;

export interface Pipeline {
  push(stanza: XmlElement): void;
  drain(): Promise<void>;
  use(transform: InboundTransform): void;
}

export function createPipeline(
  context: () => InboundContext,
  dispatch: (ev: Incoming) => void,
  now = () => new Date().toISOString(),
): Pipeline {
  const transforms: InboundTransform[] = [];
  let tail: Promise<void> = Promise.resolve();

  async function process(env: Envelope): Promise<void> {
    let msg = env.msg;
    stripMarks(msg);
    for (const t of transforms) msg = await t(msg, env);
    const ev = read(env, msg, context());
    if (ev) dispatch(ev);
  }

  return {
    push(stanza) {
      const ctx = context();
      const env = unwrap(stanza, ctx, now);
      if (!env) return;
      // A live room message from a nick nobody is known behind yet (rooms/occupants.ts): the room is asked from
      // now, and the message waits for its answer, so that it is read as its sender's (OMEMO needs the JID).
      const who =
        env.live && env.type === 'groupchat' && !env.from ? ctx.whois?.(env.conversation, env.nick) : undefined;
      // One at a time: a slow step holds back what came after it, never reorders it.
      tail = tail
        .then(async () => process(who ? { ...env, from: await who } : env))
        .catch((err: unknown) => console.error('message left out:', err));
    },
    drain: () => tail,
    use: (t) => void transforms.push(t),
  };
}
