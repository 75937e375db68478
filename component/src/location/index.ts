// Location service wiring (issue #9): the `locations` pubsub node, the site
// model commands (a save announced live), removal on off-duty and on disconnect, and the sweep.
import { LOCATION_NODE, NS_GEOLOC, NS_PUBSUB } from '@bleep/protocol';
import type { Service } from '../service.ts';
import { LocationBoard } from './board.ts';
import { LocationHistory } from './history.ts';
import { Locations } from './locations.ts';
import { locationsNode } from './node.ts';
import { siteCommand, siteEditCommand } from './site-commands.ts';
import { siteAnnouncer } from './site-live.ts';

export const locationService: Service = {
  name: 'location',
  // XEP-0060 §10: the pubsub features this node supports; XEP-0080 for what it carries.
  features: [
    NS_GEOLOC,
    `${NS_PUBSUB}#publish`,
    `${NS_PUBSUB}#retract-items`,
    `${NS_PUBSUB}#retrieve-items`,
    `${NS_PUBSUB}#subscribe`,
  ],
  register({ config, store, authz, router, commands, online, changes, whereabouts, send, log }) {
    const { staleMs, retentionMs } = config.location;
    const board = new LocationBoard({ from: config.opsHost, send, staleMs, retentionMs });
    const history = new LocationHistory(store.locations, log);
    const locations = new Locations({ board, history, site: store.site, staleMs, retentionMs, log });
    whereabouts.provide((jid) => board.fresh(jid));

    router.pubsub(LOCATION_NODE, locationsNode({ authz, directory: store.directory, audit: store.audit, locations }));
    commands.add(siteCommand(locations));
    commands.add(siteEditCommand(locations, store.site, siteAnnouncer(online, config.opsHost, send)));

    // Off duty, by hand or at the end of a shift: sharing stops at once.
    changes.on(async ({ before, after }) => {
      if (before?.onDuty && !after?.onDuty) await locations.stop(before.jid);
    });
    // The unavailable presence Prosody sends when a client disconnects (directory/ counted it already).
    router.presence(async (caller, type) => {
      if (type !== 'unavailable') return;
      locations.unsubscribe(caller.jid);
      if (!online.isOnline(caller.bare)) await locations.stop(caller.bare);
    });

    return {
      async online() {
        await locations.loadSite();
        locations.startSweeping();
      },
      stop: () => locations.stopSweeping(),
    };
  },
};
