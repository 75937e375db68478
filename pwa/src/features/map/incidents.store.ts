// The open incidents the dispatcher's map shows: read with alarm-incidents
// when the map opens and every POLL_MS while it stays open (an incident
// opened or resolved meanwhile shows within that time).
import { ALARM_COMMANDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { commandIq, refusalText } from '../forms/command.ts';
import { useCommands } from '../forms/run.ts';
import { parseOpenIncidents, type MapIncident } from './incidents.ts';

const POLL_MS = 5_000;

export const useMapIncidents = defineStore('map-incidents', () => {
  const run = useCommands();
  const items = shallowRef<readonly MapIncident[]>([]);
  const error = ref('');
  let timer: ReturnType<typeof setInterval> | undefined;
  let watchers = 0;

  async function load(): Promise<void> {
    try {
      const list = parseOpenIncidents(await run((ops) => commandIq(ops, ALARM_COMMANDS.alarmIncidents, 'execute')));
      if (list instanceof Error) throw list;
      items.value = list;
      error.value = '';
    } catch (err) {
      error.value = refusalText(err, 'The open incidents could not be loaded.');
    }
  }

  /** Keeps the list fresh while a map is open; returns how to stop. */
  function follow(): () => void {
    if (!watchers++) {
      void load();
      timer = setInterval(() => void load(), POLL_MS);
    }
    return () => {
      if (!--watchers) clearInterval(timer);
    };
  }

  return { items, error, load, follow };
});
