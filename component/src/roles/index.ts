// Role addressing wiring: messages to <role>@ops.<domain>, every local part
// that no service keeps (xmpp/addresses.ts), and the role-resolve command
// (writing to a role encrypted), limited per sender together, with
// role-withdraw (such a message cancelled), and role-records (the records, for admins).
import { DEFAULT_LIMITS } from '../config.ts';
import type { Service } from '../service.ts';
import { RateLimit, type Limit } from '../rate-limit.ts';
import { deliveryStanza, parseRoleMessage, reachedStanza } from './codec.ts';
import { deliverToRole } from './deliver.ts';
import { recordsCommand } from './records-command.ts';
import { resolveCommand } from './resolve-command.ts';
import { withdrawCommand } from './withdraw-command.ts';

/** A role message reaches everyone on duty in it: thirty a minute per sender is plenty for a busy dispatcher, and stops a loop. */
export const ROLE_MESSAGES: Limit = {
  count: DEFAULT_LIMITS.roleMessagesPerMinute,
  windowMs: 60_000,
  verb: 'send',
  what: 'role messages',
};

export const roles: Service = {
  name: 'roles',
  register({ config, store, authz, router, commands, send, log }) {
    const limit = new RateLimit({ ...ROLE_MESSAGES, count: config.limits.roleMessagesPerMinute });
    // With encryption on, the client resolves the role and writes to the people itself.
    commands.add(resolveCommand(store, config.opsHost, limit));
    commands.add(withdrawCommand(store));
    // The server's admins read these records (audit).
    commands.add(recordsCommand(store));
    router.address({ others: true }, async (caller, stanza) => {
      await authz.require(caller, 'staff', 'write to a role');
      const msg = parseRoleMessage(stanza);
      limit.take(caller.bare);
      const address = `${msg.role}@${config.opsHost}`;
      const { record, senderName, fresh } = await deliverToRole(store, caller, msg, address);
      if (fresh) {
        for (const p of record.reached) send(deliveryStanza(record, address, p.jid, senderName, msg.body));
        // Marked once handed to the socket: killed before this line, the outbox's resend delivers
        // it (same ids, which a client that has it drops) instead of only confirming it.
        await store.deliveries
          .sent(record.id, new Date().toISOString())
          .catch((err: Error) => log.warn({ err: err.message }, 'role delivery not marked sent'));
      }
      send(reachedStanza(record, address, caller.jid, msg.id));
    });
  },
};
