// The open incidents on the dispatcher's map (issue #10, part 5): those of
// the alarm-incidents list (the alarms codec reads it, for the Incidents tab
// too) that say where they are, by GPS or site model ids; one with neither is
// drawn nowhere. A bad answer is an Error value.
import type { GeoLocation } from '@bleep/protocol';
import { parseOpenIncidents as parseList, type OpenIncident } from '../alarms/codec.ts';
import type { CommandStep } from '../forms/command.ts';

export interface MapIncident {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  /** The incident room on conference.<domain>. */
  readonly room: string;
  readonly position: GeoLocation;
}

/** Those of the open incidents that say where they are. */
export const placed = (list: readonly OpenIncident[]): MapIncident[] =>
  list.flatMap(({ id, name, colour, room, position }) => (position ? [{ id, name, colour, room, position }] : []));

export function parseOpenIncidents(step: CommandStep): MapIncident[] | Error {
  const list = parseList(step);
  return list instanceof Error ? list : placed(list);
}
