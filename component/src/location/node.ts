// The `locations` pubsub node (XEP-0060 on ops.<domain>): staff publish and
// retract their own item (id = their bare JID); dispatchers and admins read
// the items and subscribe. Every read and subscription is audited.
import { randomUUID } from 'node:crypto';
import { LOCATION_NODE, NS_PUBSUB } from '@bleep/protocol';
import type { Authz } from '../authz.ts';
import type { AuditStore, DirectoryStore } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { PubsubHandler, PubsubRequest } from '../xmpp/pubsub.ts';
import type { Caller } from '../xmpp/router.ts';
import { xml } from '../xmpp/xml.ts';
import { parseGeoloc } from './codec.ts';
import type { Locations } from './locations.ts';

export interface NodeDeps {
  readonly authz: Authz;
  readonly directory: Pick<DirectoryStore, 'get'>;
  readonly audit: Pick<AuditStore, 'record'>;
  readonly locations: Locations;
}

/** XEP-0060 §7.1.1: one <item/>; its id is the publisher's bare JID (absent: the service takes that). */
function ownItemId(req: PubsubRequest, verb: string): string {
  const items = req.element.getChildren('item');
  if (items.length !== 1) throw new BleepError('bad-location', `Send exactly one <item/> to ${verb}.`);
  const id = items[0]!.attrs.id ?? req.caller.bare;
  if (id.toLowerCase() !== req.caller.bare)
    throw new BleepError(
      'not-allowed',
      `You may ${verb} only your own location: the item id must be your address, not ${quote(id)}.`,
    );
  return req.caller.bare;
}

export function locationsNode(deps: NodeDeps): PubsubHandler {
  const { authz, locations } = deps;
  const audited = async (caller: Caller, action: string, after: unknown) => {
    await authz.require(caller, 'locations', 'see where staff are');
    await deps.audit.record({
      id: randomUUID(),
      at: new Date().toISOString(),
      actor: caller.bare,
      action,
      target: LOCATION_NODE,
      before: null,
      after,
    });
  };
  return async (req) => {
    const { caller } = req;
    switch (req.action) {
      case 'publish': {
        await authz.require(caller, 'staff', 'share a location');
        const jid = ownItemId(req, 'publish');
        const location = parseGeoloc(req.element.getChild('item')!.getChildElements()[0]);
        if (location === null) await locations.stop(jid);
        else {
          if (!(await deps.directory.get(jid))?.onDuty) throw new BleepError('not-on-duty');
          await locations.publish(jid, location);
        }
        return xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: LOCATION_NODE }, xml('item', { id: jid })));
      }
      case 'retract':
        await authz.require(caller, 'staff', 'share a location');
        await locations.stop(ownItemId(req, 'retract'));
        return undefined;
      case 'items': {
        // XEP-0060 §6.5.8: particular items by id; otherwise every item.
        const ids = req.element.getChildren('item').map((i) => (i.attrs.id ?? '').toLowerCase());
        await audited(caller, 'location-read', { items: ids.length ? ids : 'all' });
        return locations.itemsResult(ids.length ? new Set(ids) : undefined);
      }
      case 'subscribe': {
        // XEP-0060 §6.1.3.1: the subscribed JID must be the requester's own (jids-mismatch).
        const jid = (req.element.attrs.jid ?? '').split('/')[0]!.toLowerCase();
        if (jid !== caller.bare)
          throw new BleepError('bad-stanza', 'Subscribe with your own address in the jid attribute.');
        await audited(caller, 'location-subscribe', { session: caller.jid.split('/')[1] ?? '' });
        locations.subscribe(caller.jid);
        return xml(
          'pubsub',
          { xmlns: NS_PUBSUB },
          xml('subscription', { node: LOCATION_NODE, jid: caller.jid, subscription: 'subscribed' }),
        );
      }
      case 'unsubscribe':
        locations.unsubscribe(caller.jid);
        return undefined;
    }
  };
}
