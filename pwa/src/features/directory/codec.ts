// The directory and duty commands on the wire ↔ typed values.
// A bad answer comes back as an Error value, never a throw in the render path.
import {
  COMMANDS,
  DIRECTORY_FIELDS,
  FORM_DIRECTORY_SEARCH,
  FORM_DUTY,
  NS_COMMANDS,
  NS_DATA,
  NS_DIRECTORY,
  type DirectoryListing,
} from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { formValues } from '../../xmpp/dataform.ts';

/** Step 1 of the directory command (XEP-0050): execute, to get a session. */
export function directoryExecuteIq(opsHost: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: opsHost },
    xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.directory, action: 'execute' }),
  );
}

/** Step 2: submit the search form (empty text lists everyone). */
export function directorySearchIq(opsHost: string, sessionid: string, text: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: opsHost },
    xml(
      'command',
      { xmlns: NS_COMMANDS, node: COMMANDS.directory, sessionid, action: 'complete' },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, FORM_DIRECTORY_SEARCH)),
        xml('field', { var: DIRECTORY_FIELDS.query }, xml('value', {}, text)),
      ),
    ),
  );
}

export function sessionOf(iq: XmlElement): string {
  return iq.getChild('command', NS_COMMANDS)?.attrs.sessionid ?? '';
}

/** The result table (XEP-0004 §3.4) → entries. */
export function parseDirectory(iq: XmlElement): DirectoryListing[] | Error {
  const x = iq.getChild('command', NS_COMMANDS)?.getChild('x', NS_DATA);
  if (!x) return new Error('The directory did not answer.');
  return x.getChildren('item').map((item) => {
    const f = formValues(item);
    const one = (k: string) => f.get(k)?.[0] ?? '';
    return {
      jid: one(DIRECTORY_FIELDS.jid),
      name: one(DIRECTORY_FIELDS.name),
      roles: f.get(DIRECTORY_FIELDS.roles) ?? [],
      department: one(DIRECTORY_FIELDS.department),
      extension: one(DIRECTORY_FIELDS.extension),
      onDuty: one(DIRECTORY_FIELDS.onDuty) === 'true',
      online: one(DIRECTORY_FIELDS.online) === 'true',
    };
  });
}

/** A live update: an entry as it is now, or the address of one an admin deleted. */
export type DirectoryUpdate = { readonly entry: DirectoryListing } | { readonly removed: string };

/** A live update (protocol/README.md, "Live directory updates"), only from the component. */
export function parseDirectoryUpdate(stanza: XmlElement, opsHost: string): DirectoryUpdate | undefined {
  if (stanza.name !== 'message' || stanza.attrs.from !== opsHost) return undefined;
  const removed = stanza.getChild('removed', NS_DIRECTORY)?.attrs.jid;
  if (removed) return { removed };
  const e = stanza.getChild('entry', NS_DIRECTORY);
  if (!e?.attrs.jid) return undefined;
  return {
    entry: {
      jid: e.attrs.jid,
      name: e.attrs.name ?? '',
      roles: e.getChildren('role').map((r) => r.text()),
      department: e.attrs.department ?? '',
      extension: e.attrs.extension ?? '',
      onDuty: e.attrs['on-duty'] === 'true',
      online: e.attrs.online === 'true',
    },
  };
}

/** The duty command (two steps): execute, then submit on-duty true or false. */
export function dutyExecuteIq(opsHost: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: opsHost },
    xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.duty, action: 'execute' }),
  );
}

export function dutySubmitIq(opsHost: string, sessionid: string, onDuty: boolean): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: opsHost },
    xml(
      'command',
      { xmlns: NS_COMMANDS, node: COMMANDS.duty, sessionid, action: 'complete' },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, FORM_DUTY)),
        xml('field', { var: DIRECTORY_FIELDS.onDuty }, xml('value', {}, String(onDuty))),
      ),
    ),
  );
}
