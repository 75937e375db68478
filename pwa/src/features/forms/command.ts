// XEP-0050 ad-hoc commands on ops.<domain>, step by step: execute, then next
// or complete with the filled-in form, or cancel. Every component action is
// one (DESIGN.md), so the app runs them all the same way.
import { NS_BLEEP_ERRORS, NS_COMMANDS, NS_DATA } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { parseForm, type DataForm } from './dataform.ts';

export type CommandAction = 'execute' | 'next' | 'complete' | 'cancel';

export interface CommandStep {
  readonly node: string;
  readonly sessionid: string;
  /** executing, completed or canceled (XEP-0050 §6.4). */
  readonly status: string;
  /** The actions the next step allows (next, complete, prev). */
  readonly actions: readonly string[];
  readonly form: DataForm | undefined;
  /** The command's note for the user ('' when none). */
  readonly note: string;
  /** The raw data form, for results read by their own codec (a table, a CSV). */
  readonly x: XmlElement | undefined;
}

export function commandIq(
  opsHost: string,
  node: string,
  action: CommandAction,
  sessionid?: string,
  form?: XmlElement,
): XmlElement {
  return xml('iq', { type: 'set', to: opsHost }, xml('command', { xmlns: NS_COMMANDS, node, action, sessionid }, form));
}

export function parseStep(iq: XmlElement): CommandStep | Error {
  const c = iq.getChild('command', NS_COMMANDS);
  if (!c) return new Error('The server did not answer the command.');
  const x = c.getChild('x', NS_DATA);
  const actions = c.getChild('actions');
  return {
    node: c.attrs.node ?? '',
    sessionid: c.attrs.sessionid ?? '',
    status: c.attrs.status ?? '',
    actions: actions?.children.filter((a): a is XmlElement => typeof a !== 'string').map((a) => a.name) ?? [],
    form: x && parseForm(x),
    note: c
      .getChildren('note')
      .map((n) => n.text())
      .join('\n'),
    x,
  };
}

/**
 * Prosody's answer to a command for ops.<domain> while the component is away
 * (killed, restarting): `remote-server-timeout` ("Component unavailable",
 * mod_component), or `service-unavailable` while the server itself restarts;
 * the component's own `service-unavailable` type wait (`starting`) while it is
 * connected but still starting; or no answer at all. Nothing was done; the same
 * command can simply be sent again. The component's other refusals with that
 * condition (`unsupported`, type cancel: component/src/xmpp/errors.ts) are
 * answers, not absence: any Bleep error key but `starting` is never "away".
 * Prosody's own bounces carry no Bleep key (mod_component: wait,
 * remote-server-timeout; stanza_router: cancel, service-unavailable).
 */
const AWAY = ['remote-server-timeout', 'service-unavailable'];
export const SERVICE_AWAY =
  'The operations service could not be reached, so nothing was done. Try again in a moment; if it keeps happening, tell IT.';

export function serviceAway(err: unknown): boolean {
  const e = err as { condition?: string; name?: string } | undefined;
  if (e?.name === 'TimeoutError') return true;
  const key = errorKey(err);
  return AWAY.includes(e?.condition ?? '') && (key === '' || key === 'starting');
}

/** The component's error key beside the condition (xmpp.js StanzaError's `application`), or ''. */
export function errorKey(err: unknown): string {
  const app = (err as { application?: XmlElement } | undefined)?.application;
  return app?.attrs.xmlns === NS_BLEEP_ERRORS ? app.name : '';
}

/** The readable text of a refused command (the component's registry text), else `fallback`. */
export function refusalText(err: unknown, fallback: string): string {
  const e = err as { text?: string; element?: XmlElement } | undefined;
  // "Bleep is starting; try again in a few seconds." says more than "could not be reached".
  if (serviceAway(err)) return (errorKey(err) === 'starting' && e?.text) || SERVICE_AWAY;
  return e?.text || fallback;
}
