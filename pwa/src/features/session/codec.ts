// whoami on the wire (protocol/fixtures/whoami-*.xml) ↔ a typed WhoAmI.
// A bad answer comes back as an Error value, never a throw in the render path.
import { COMMANDS, FORM_WHOAMI, NS_COMMANDS, NS_DATA, WHOAMI_FIELDS, type WhoAmI } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { formValues } from '../../xmpp/dataform.ts';

export function whoamiIq(opsHost: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: opsHost },
    xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.whoami, action: 'execute' }),
  );
}

export function parseWhoAmI(iq: XmlElement): WhoAmI | Error {
  const x = iq.getChild('command', NS_COMMANDS)?.getChild('x', NS_DATA);
  if (!x) return new Error('The server did not say who you are.');
  const f = formValues(x);
  if (f.get('FORM_TYPE')?.[0] !== FORM_WHOAMI) return new Error('The server answered with an unexpected form.');
  const one = (k: string) => f.get(k)?.[0] ?? '';
  return {
    jid: one(WHOAMI_FIELDS.jid),
    name: one(WHOAMI_FIELDS.name),
    roles: f.get(WHOAMI_FIELDS.roles) ?? [],
    department: one(WHOAMI_FIELDS.department),
  };
}
