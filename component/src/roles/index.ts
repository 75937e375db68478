// Role addressing wiring: messages to <role>@ops.<domain>, every local part
// that no service keeps (xmpp/addresses.ts), limited per sender.
import { DEFAULT_LIMITS } from '../config.ts';
import type { Service } from '../service.ts';
import { RateLimit, type Limit } from '../rate-limit.ts';
import { deliveryStanza, parseRoleMessage, reachedStanza } from './codec.ts';
import { deliverToRole } from './deliver.ts';

/** A role message reaches everyone on duty in it: thirty a minute per sender is plenty for a busy dispatcher, and stops a loop. */
export const ROLE_MESSAGES: Limit = {
  count: DEFAULT_LIMITS.roleMessagesPerMinute,
  windowMs: 60_000,
  verb: 'send',
  what: 'role messages',
};

export const roles: Service = {
  name: 'roles',
  register({ config, store, authz, router, send }) {
    const limit = new RateLimit({ ...ROLE_MESSAGES, count: config.limits.roleMessagesPerMinute });
    router.address({ others: true }, async (caller, stanza) => {
      await authz.require(caller, 'staff', 'write to a role');
      const msg = parseRoleMessage(stanza);
      limit.take(caller.bare);
      const address = `${msg.role}@${config.opsHost}`;
      const { record, senderName, fresh } = await deliverToRole(store, caller, msg, address);
      if (fresh) for (const p of record.reached) send(deliveryStanza(record, address, p.jid, senderName, msg.body));
      send(reachedStanza(record, address, caller.jid, msg.id));
    });
  },
};
