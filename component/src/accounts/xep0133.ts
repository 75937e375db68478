// Prosody's own admin commands (XEP-0133, mod_admin_adhoc), run by the
// component on the users' host: it is one of that host's admins (render.ts).
// Each is execute, then complete with the filled-in form; Prosody answers
// with a note, of type error when it did nothing.
// https://xmpp.org/extensions/xep-0133.html
import { NS_COMMANDS, NS_DATA } from '@bleep/protocol';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { xml, type Element } from '../xmpp/xml.ts';

const NS_ADMIN = 'http://jabber.org/protocol/admin';

/** XEP-0133 §4.4 and §4.7. */
export const ADMIN_NODES = {
  deleteUser: `${NS_ADMIN}#delete-user`,
  changeUserPassword: `${NS_ADMIN}#change-user-password`,
} as const;

export interface AdminOutcome {
  readonly ok: boolean;
  /** Prosody's note: what it did, or why not. */
  readonly text: string;
}

export async function runAdminCommand(
  iq: IqCaller,
  host: string,
  node: string,
  fields: Record<string, readonly string[]>,
): Promise<AdminOutcome> {
  const command = (attrs: Record<string, string>, form?: Element) =>
    xml('iq', { type: 'set', to: host }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, form));
  const first = (await iq.request(command({ action: 'execute' }))).getChild('command', NS_COMMANDS);
  const sessionid = first?.attrs.sessionid ?? '';
  const form = xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_ADMIN)),
    ...Object.entries(fields).map(([v, values]) => xml('field', { var: v }, ...values.map((x) => xml('value', {}, x)))),
  );
  const done = (await iq.request(command({ action: 'complete', sessionid }, form))).getChild('command', NS_COMMANDS);
  const note = done?.getChild('note');
  return { ok: note?.attrs.type !== 'error', text: note?.text() ?? '' };
}
