// Every incoming message goes the same way, one after the other in arrival
// order: unwrap (at arrival, so a room sender is known by the presence of that
// moment) → the async transforms (identity today; OMEMO decryption plugs in
// here) → read the content → dispatch. drain() resolves once everything
// received before it is dispatched: an archive query awaits its IQ result,
// then drain(), and has its page complete and in order.
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
      const env = unwrap(stanza, context(), now);
      if (!env) return;
      // One at a time: a slow step holds back what came after it, never reorders it.
      tail = tail.then(() => process(env)).catch((err: unknown) => console.error('message left out:', err));
    },
    drain: () => tail,
    use: (t) => void transforms.push(t),
  };
}
