// alarm-incidents (dispatchers and admins): the open incidents and where
// they are, as a table (XEP-0004 §3.4 reported fields) that the PWA's map
// draws as markers and any client can read.
import { ALARM_COMMANDS, FORM_ALARM_INCIDENTS, OPEN_INCIDENT_FIELDS as F } from '@bleep/protocol';
import type { Incident, IncidentStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormDef, FormValues } from '../xmpp/dataform.ts';

const col = (v: string, label: string) => ({ var: v, type: 'text-single' as const, label });

export const OPEN_INCIDENTS_TABLE: FormDef = {
  formType: FORM_ALARM_INCIDENTS,
  title: 'Open incidents',
  fields: [
    col(F.incident, 'Incident'),
    col(F.name, 'Alarm'),
    col(F.colour, 'Colour'),
    col(F.room, 'Room'),
    col(F.location, 'Location'),
    col(F.lat, 'Latitude'),
    col(F.lon, 'Longitude'),
    col(F.building, 'Building'),
    col(F.floor, 'Floor'),
    col(F.place, 'Site room'),
    col(F.created, 'Triggered'),
  ],
};

const text = (v: string | number | undefined) => (v === undefined ? '' : String(v));

export function openIncidentValues(i: Incident): FormValues {
  const p = i.position;
  return {
    [F.incident]: i.id,
    [F.name]: i.roomName,
    [F.colour]: i.preset.colour,
    [F.room]: i.room,
    [F.location]: i.location,
    [F.lat]: text(p?.lat),
    [F.lon]: text(p?.lon),
    [F.building]: text(p?.building),
    [F.floor]: text(p?.floor),
    [F.place]: text(p?.room),
    [F.created]: i.created,
  };
}

export const openIncidentsCommand = (incidents: Pick<IncidentStore, 'open'>): Command => ({
  node: ALARM_COMMANDS.alarmIncidents,
  name: 'Open incidents (with where they are)',
  permission: 'incidents',
  run: async () => ({
    kind: 'done',
    form: OPEN_INCIDENTS_TABLE,
    rows: (await incidents.open()).map(openIncidentValues),
  }),
});
