// A message written to a role and delivered to us by the component
// (protocol/README.md, "Role addressing"): shown as from its real sender, in
// the conversation with them, live and from the archive alike.
import { NS_ROLE } from '@bleep/protocol';
import type { Kind } from './kind.ts';

export interface RoleDelivery {
  readonly kind: 'role-delivery';
  /** The component's id of the delivery: the same in the live and the archived copy. */
  readonly id: string;
  readonly role: string;
  /** The real sender's bare JID. */
  readonly sender: string;
  readonly body: string;
}

export const roleDelivery: Kind<RoleDelivery> = {
  kind: 'role-delivery',
  shown: true,
  preview: (c) => `To on-duty ${c.role}: ${c.body}`,
  parse(msg, ctx) {
    const d = msg.getChild('delivered', NS_ROLE);
    // Only the component relays: a <delivered/> from anyone else is their own text.
    if (!d?.attrs.id || !d.attrs.sender || !ctx.opsHost || !ctx.from.endsWith(`@${ctx.opsHost}`)) return undefined;
    return {
      kind: 'role-delivery',
      id: d.attrs.id,
      role: d.attrs.role ?? '',
      sender: d.attrs.sender.toLowerCase(),
      body: d.text(),
    };
  },
  relayed: (c) => ({ from: c.sender, id: c.id }),
};
