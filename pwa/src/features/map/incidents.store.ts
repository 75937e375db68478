// The open incidents the dispatcher's map shows: the alarms store's list
// (read with alarm-incidents when the map opens and again on every new
// stream while it is open, then kept current by the component's pushed
// changes, messages/kinds/incident-change.ts), those that say where they are.
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useAlarms } from '../alarms/index.ts';
import { placed } from './incidents.ts';

export const useMapIncidents = defineStore('map-incidents', () => {
  const alarms = useAlarms();
  const connection = useConnection();
  const items = computed(() => placed(alarms.open));
  const error = computed(() => alarms.openError);
  let watchers = 0;

  // A new stream (sign-in, reconnect): changes pushed while away are lost, so read the list once.
  connection.onReady(() => void (watchers && alarms.loadOpen()));

  /** Keeps the list read while a map is open; returns how to stop. */
  function follow(): () => void {
    if (!watchers++) void alarms.loadOpen();
    return () => void watchers--;
  }

  return { items, error, load: alarms.loadOpen, follow };
});
