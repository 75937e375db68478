// Role addressing wiring: messages to <role>@ops.<domain>.
import type { Store } from '../store/types.ts';
import type { Caller, Router } from '../xmpp/router.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Element } from '../xmpp/xml.ts';
import { deliveryStanza, parseRoleMessage, reachedStanza } from './codec.ts';
import { deliverToRole } from './deliver.ts';

export function registerRoles(
  router: Router,
  deps: { store: Store; opsHost: string; isStaff: (c: Caller) => boolean; send: (el: Element) => void },
): void {
  router.message(async (caller, stanza) => {
    const to = stanza.attrs.to ?? '';
    if (!to.includes('@')) return undefined; // to the component itself: the router's default refusal
    if (!deps.isStaff(caller)) throw new BleepError('not-allowed');
    const msg = parseRoleMessage(stanza);
    const { record, senderName, fresh } = await deliverToRole(deps.store, caller, msg);
    const from = `${record.role}@${deps.opsHost}`;
    if (fresh) for (const p of record.reached) deps.send(deliveryStanza(record, from, p.jid, senderName, msg.body));
    deps.send(reachedStanza(record, from, caller.jid, msg.id));
    return 'handled';
  });
}
