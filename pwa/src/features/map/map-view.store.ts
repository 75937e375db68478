// What the dispatcher has chosen on the map screen: the filter, the people
// selected (on the map or in the list), the person whose card is open, and
// the incident clicked whose room the dispatcher is not in (its card offers
// to break the glass).
// The list pane and the map page share it, so they stay in step.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { useDirectory } from '../directory/index.ts';
import { useMessages } from '../messages/index.ts';
import { answersByPerson } from './assistance.ts';
import { useSite } from '../location/site.store.ts';
import type { MapIncident } from './incidents.ts';
import { useLocations } from './locations.store.ts';
import { mapPeople, type MapFilter } from './people.ts';

export const useMapView = defineStore('map-view', () => {
  const directory = useDirectory();
  const locations = useLocations();
  const site = useSite();
  const filter = reactive<{ -readonly [K in keyof MapFilter]: MapFilter[K] }>({ role: '', department: '', duty: 'on' });
  const selected = ref(new Set<string>());
  const open = ref<string>();
  const incident = ref<MapIncident>();
  /** The last request for assistance sent from the map: its answers show on the markers. */
  const assistance = ref<string>();
  const messages = useMessages();
  const answers = computed(() =>
    answersByPerson(assistance.value ? messages.requestStates.get(assistance.value) : undefined),
  );

  const people = computed(() => mapPeople(directory.entries, locations.items, filter));

  function toggle(jid: string): void {
    const next = new Set(selected.value);
    if (!next.delete(jid)) next.add(jid);
    selected.value = next;
  }
  const selectShown = () => (selected.value = new Set(people.value.map((p) => p.entry.jid)));
  const clear = () => (selected.value = new Set());

  return { filter, selected, open, incident, assistance, answers, people, site, locations, toggle, selectShown, clear };
});
