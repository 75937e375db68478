// The alarms in a person's own archive (XEP-0313) from one incident room, as another of their devices pages them.
import { NS_ALARM, NS_DATA } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { exchange, xml } from '../test-support.ts';

const NS_MAM = 'urn:xmpp:mam:2';

/** The archived messages carrying an <alarm/>, `with` the room; throws if the archive refuses the query. */
export async function archivedAlarms(cl: Client, room: string): Promise<XmlElement[]> {
  const found: XmlElement[] = [];
  const onStanza = (el: XmlElement) => {
    const m = el.getChild('result', NS_MAM)?.getChild('forwarded')?.getChild('message');
    if (m?.getChild('alarm', NS_ALARM)) found.push(m);
  };
  cl.on('stanza', onStanza as never);
  const form = xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
    xml('field', { var: 'with' }, xml('value', {}, room)),
  );
  try {
    const done = await exchange(cl, xml('iq', { type: 'set' }, xml('query', { xmlns: NS_MAM }, form)));
    if (done.attrs.type !== 'result') throw new Error(`archive query refused: ${done.toString().slice(0, 200)}`);
  } finally {
    cl.removeListener('stanza', onStanza as never);
  }
  return found;
}
