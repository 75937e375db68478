// The push commands (protocol/README.md, Push) and XEP-0357 enable/disable on
// the wire ↔ typed values. A bad answer comes back as an Error value.
import { NS_COMMANDS, NS_DATA, NS_PUSH, FORM_PUSH_REGISTER, PUSH_COMMANDS, PUSH_FIELDS as F } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { formValues } from '../../xmpp/dataform.ts';

export interface DeviceSubscription {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
}

const command = (ops: string, node: string, attrs: Record<string, string>, ...children: XmlElement[]) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...children));

const submit = (formType: string, fields: Record<string, string>) =>
  xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    ...Object.entries(fields).map(([k, v]) => xml('field', { var: k }, xml('value', {}, v))),
  );

export const registerExecuteIq = (ops: string) => command(ops, PUSH_COMMANDS.pushRegister, { action: 'execute' });

export const registerSubmitIq = (ops: string, sessionid: string, s: DeviceSubscription) =>
  command(
    ops,
    PUSH_COMMANDS.pushRegister,
    { sessionid, action: 'complete' },
    submit(FORM_PUSH_REGISTER, { [F.endpoint]: s.endpoint, [F.p256dh]: s.p256dh, [F.auth]: s.auth }),
  );

/** push-unregister in one go (execute, then complete with the endpoint) is two IQs; this is the execute. */
export const unregisterExecuteIq = (ops: string) => command(ops, PUSH_COMMANDS.pushUnregister, { action: 'execute' });
export const unregisterSubmitIq = (ops: string, sessionid: string, formType: string, endpoint: string) =>
  command(
    ops,
    PUSH_COMMANDS.pushUnregister,
    { sessionid, action: 'complete' },
    submit(formType, { [F.endpoint]: endpoint }),
  );

// https://xmpp.org/extensions/xep-0357.html#enabling and #disabling
export const enableIq = (jid: string, node: string) =>
  xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_PUSH, jid, node }));
export const disableIq = (jid: string, node: string) =>
  xml('iq', { type: 'set' }, xml('disable', { xmlns: NS_PUSH, jid, node }));

const fields = (iq: XmlElement) => {
  const x = iq.getChild('command', NS_COMMANDS)?.getChild('x', NS_DATA);
  return x ? formValues(x) : undefined;
};
export const sessionOf = (iq: XmlElement) => iq.getChild('command', NS_COMMANDS)?.attrs.sessionid ?? '';
export const formTypeOf = (iq: XmlElement) => fields(iq)?.get('FORM_TYPE')?.[0] ?? '';

/** Step 1: the component's VAPID public key (base64url). */
export function parseVapidKey(iq: XmlElement): string | Error {
  const key = fields(iq)?.get(F.vapidKey)?.[0];
  return key ? key : new Error('The server has no push key.');
}

/** The result: where to enable push. */
export function parseRegistered(iq: XmlElement): { jid: string; node: string } | Error {
  const f = fields(iq);
  const jid = f?.get(F.jid)?.[0];
  const node = f?.get(F.node)?.[0];
  return jid && node ? { jid, node } : new Error('The server did not register push for this device.');
}
