// The dispatcher's live markers: subscribed once per stream to the
// component's `locations` node, read once, then kept by its notifications.
// Only for dispatchers and admins; nobody else asks, and the component
// refuses anyone else anyway.
import type { LocationItem } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef, watch } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { errorText, itemsIq, parseEvent, parseItems, subscribeIq } from '../location/codec.ts';
import { maySeeMap } from './may.ts';

const REDRAW_MS = 250;

export const useLocations = defineStore('locations', () => {
  const connection = useConnection();
  /** jid → item; a shallowRef triggered by hand: 100 updates a second must not deep-proxy 500 items. */
  const items = shallowRef(new Map<string, LocationItem>());
  const error = ref('');

  async function follow(): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    const me = connection.me?.jid;
    if (!client || !ops || !me || !maySeeMap(connection.me?.roles ?? [])) return;
    try {
      const sub = await request(client, subscribeIq(ops, me));
      if (sub.attrs.type === 'error') throw new Error(errorText(sub, 'The map could not follow locations.'));
      const found = parseItems(await request(client, itemsIq(ops)));
      if (found instanceof Error) throw found;
      items.value = new Map(found.map((i) => [i.jid, i]));
      error.value = '';
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  connection.onStanza((el) => {
    const ops = connection.config?.opsHost;
    const events = ops ? parseEvent(el, ops) : undefined;
    if (!events?.length) return;
    for (const e of events)
      if ('item' in e) {
        items.value.set(e.item.jid, e.item);
        moved(e.item);
      } else items.value.delete(e.retract);
    redraw();
  });

  // Moves go to the map once an animation frame, all those since the last (MapCanvas moves its
  // markers at once; the rest of a change waits for the redraw below).
  const moveHooks = new Set<(items: readonly LocationItem[]) => void>();
  let moves = new Map<string, LocationItem>();
  function moved(item: LocationItem): void {
    if (!moveHooks.size) return;
    if (!moves.size)
      requestAnimationFrame(() => {
        const batch = [...moves.values()];
        moves = new Map();
        for (const h of moveHooks) h(batch);
      });
    moves.set(item.jid, item);
  }
  /** Calls `hook` once a frame with the items that moved since; returns how to stop. */
  function onMoves(hook: (items: readonly LocationItem[]) => void): () => void {
    moveHooks.add(hook);
    return () => moveHooks.delete(hook);
  }

  // 100 updates a second: the list (and anything else about a marker) redraws at most every
  // REDRAW_MS (4 times a second is live to a person; redrawing per update cost the map its frame
  // rate, bench map-frame).
  let pending = false;
  function redraw(): void {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      triggerRef(items);
    }, REDRAW_MS);
  }
  connection.onLogout(() => (items.value = new Map()));
  // Each stream: once whoami says who this is (session feature), subscribe again (a subscription ends with the session).
  watch(
    () => connection.me,
    (me) => me && void follow(),
    { immediate: true },
  );

  return { items, error, follow, onMoves };
});
