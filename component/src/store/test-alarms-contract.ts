// One behaviour for every store of alarm presets and incidents (issue #10):
// memory, SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from '../alarms/defaults.ts';
import type { Incident, IncidentEvent, Store } from './types.ts';

const incident = (id: string, place: string, created: string, trigger = 'nurse@h.example'): Incident => ({
  id,
  preset: DEFAULT_PRESETS[0]!,
  place,
  location: place,
  bed: '',
  note: '',
  room: `alarm-${id}@conference.h.example`,
  roomName: `Code Blue · ${place}`,
  trigger,
  triggerName: 'Priya Shah',
  responders: [],
  status: 'open',
  created,
});
const ev = (at: string, event: IncidentEvent['event']): IncidentEvent => ({
  at,
  event,
  who: 'x@h.example',
  detail: '',
});

export function alarmsContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: alarms`, () => {
    it("keeps an incident's position for the map, and keeps it through updates", async () => {
      const s = await open();
      const at = '2026-11-24T10:00:00.000Z';
      const room = { building: 'north', floor: 'n1', room: 'n1-3', timestamp: at };
      const gps = { lat: 52.0011, lon: 4.3641, accuracy: 12, timestamp: at };
      await s.incidents.openOrMerge({ ...incident('a', 'icu', at), position: room }, at, ev(at, 'merged'));
      await s.incidents.openOrMerge({ ...incident('b', '', at), position: gps }, at, ev(at, 'merged'));
      await s.incidents.update('a', { request: 'abcdefgh', responders: ['n2@h.example'] });
      expect((await s.incidents.open()).map((i) => [i.id, i.position]).sort()).toEqual([
        ['a', room],
        ['b', gps],
      ]);
      expect((await s.incidents.get('a'))?.position).toEqual(room);
      await s.close();
    });

    it("seeds missing presets only, and keeps an admin's preset edit with its audit record", async () => {
      const s = await open();
      const [blue, fire] = DEFAULT_PRESETS.filter((p) => p.id === 'code-blue' || p.id === 'fire');
      expect(await s.presets.seed([fire!, blue!], '2026-11-24T09:00:00.000Z')).toBe(2);
      const meta = { id: 'p1', at: '2026-11-24T10:00:00.000Z', actor: 'admin@h.example', action: 'alarm-preset-edit' };
      const changed = { ...blue!, name: 'Code Blue (adult)', repeatS: 20 };
      expect(await s.presets.edit(changed, meta)).toEqual({ before: blue, after: changed });
      // A restart seeds again: what the admin changed stays.
      expect(await s.presets.seed([blue!, fire!], '2026-11-24T11:00:00.000Z')).toBe(0);
      expect(await s.presets.get('code-blue')).toEqual(changed);
      expect((await s.presets.list()).map((p) => p.name)).toEqual(['Code Blue (adult)', 'Fire']);
      expect(await s.presets.get('nope')).toBeUndefined();
      expect(await s.audit.list({ target: 'preset:code-blue', limit: 5 })).toEqual([
        { ...meta, target: 'preset:code-blue', before: blue, after: changed },
      ]);
      await s.close();
    });

    it('opens incidents, merges the same preset at the same place within the window, and keeps the timeline', async () => {
      const s = await open();
      // The first event goes in with a new incident (one write before the alarm goes out), not with a merge.
      // beforeCommit (where the alarm goes out) runs for a new incident only, once, before the promise settles.
      const calls: string[] = [];
      const first = await s.incidents.openOrMerge(
        incident('a', 'ward 3', '2026-11-24T10:00:00.000Z'),
        '2026-11-24T09:58:00.000Z',
        ev('t', 'merged'),
        undefined,
        ev('2026-11-24T10:00:00.000Z', 'triggered'),
        () => calls.push('a'),
      );
      expect(calls).toEqual(['a']);
      expect(first).toEqual({
        incident: incident('a', 'ward 3', '2026-11-24T10:00:00.000Z'),
        merged: false,
        repeated: false,
      });
      const again = await s.incidents.openOrMerge(
        incident('b', 'ward 3', '2026-11-24T10:01:00.000Z'),
        '2026-11-24T09:59:00.000Z',
        ev('2026-11-24T10:01:00.000Z', 'merged'),
        undefined,
        ev('2026-11-24T10:01:00.000Z', 'triggered'),
        () => calls.push('b'),
      );
      expect(again.merged).toBe(true);
      expect(calls).toEqual(['a']);
      expect(again.incident.id).toBe('a');
      // Outside the window, at another place, or with no place: a new incident.
      const late = await s.incidents.openOrMerge(
        incident('c', 'ward 3', '2026-11-24T10:05:00.000Z'),
        '2026-11-24T10:03:00.000Z',
        ev('t', 'merged'),
      );
      const elsewhere = await s.incidents.openOrMerge(
        incident('d', 'ward 4', '2026-11-24T10:05:00.000Z'),
        '2026-11-24T10:03:00.000Z',
        ev('t', 'merged'),
      );
      await s.incidents.openOrMerge(
        incident('e', '', '2026-11-24T10:05:00.000Z'),
        '2026-11-24T10:03:00.000Z',
        ev('t', 'merged'),
      );
      const unknown = await s.incidents.openOrMerge(
        incident('f', '', '2026-11-24T10:05:01.000Z'),
        '2026-11-24T10:03:00.000Z',
        ev('t', 'merged'),
      );
      expect([late.merged, elsewhere.merged, unknown.merged]).toEqual([false, false, false]);
      expect((await s.incidents.events('a')).map((e) => e.event)).toEqual(['triggered', 'merged']);
      const updated = await s.incidents.update('a', {
        request: 'abcdefgh',
        responders: ['n2@h.example'],
        status: 'resolved',
      });
      expect(await s.incidents.get('a')).toEqual(updated);
      expect(await s.incidents.byRoom('alarm-a@conference.h.example')).toMatchObject({
        request: 'abcdefgh',
        status: 'resolved',
      });
      // A resolved incident takes no merges.
      const after = await s.incidents.openOrMerge(
        incident('g', 'ward 3', '2026-11-24T10:00:30.000Z'),
        '2026-11-24T09:00:00.000Z',
        ev('t', 'merged'),
      );
      expect(after.incident.id).toBe('c');
      expect(await s.incidents.get('zzz')).toBeUndefined();
      const openIds = (await s.incidents.open()).map((i) => i.id);
      expect(openIds[0]).toBe('f'); // newest first
      expect(openIds.sort()).toEqual(['c', 'd', 'e', 'f']);
      await s.close();
    });

    it('a retry with the same client id returns the incident it made and changes nothing, also where merging cannot', async () => {
      const s = await open();
      const at = '2026-11-24T10:00:00.000Z';
      const since = '2026-11-24T09:58:00.000Z';
      const first = await s.incidents.openOrMerge(incident('a', '', at), since, ev(at, 'merged'), 'tap-1');
      expect(first).toMatchObject({ merged: false, repeated: false });
      await s.incidents.append('a', [ev(at, 'triggered')]);
      // The same trigger again (no place: it would otherwise open a second incident).
      const retry = await s.incidents.openOrMerge(incident('b', '', at), since, ev(at, 'merged'), 'tap-1');
      expect(retry).toEqual({ incident: incident('a', '', at), merged: false, repeated: true });
      // A trigger that merged: its retry is not merged (nor on the timeline) again.
      await s.incidents.openOrMerge(incident('c', 'ward 3', at), since, ev(at, 'merged'), 'tap-2');
      const merging = await s.incidents.openOrMerge(incident('d', 'ward 3', at), since, ev(at, 'merged'), 'tap-3');
      const again = await s.incidents.openOrMerge(incident('e', 'ward 3', at), since, ev(at, 'merged'), 'tap-3');
      expect([merging.merged, again.repeated, again.incident.id]).toEqual([true, true, 'c']);
      expect((await s.incidents.events('c')).map((e) => e.event)).toEqual(['merged']);
      // Someone else's id is their own; a new id is a new trigger.
      const other = await s.incidents.openOrMerge(
        incident('f', '', at, 'porter@h.example'),
        since,
        ev(at, 'merged'),
        'tap-1',
      );
      const next = await s.incidents.openOrMerge(incident('g', '', at), since, ev(at, 'merged'), 'tap-4');
      expect([other.repeated, next.repeated]).toEqual([false, false]);
      expect((await s.incidents.open()).map((i) => i.id).sort()).toEqual(['a', 'c', 'f', 'g']);
      expect((await s.incidents.events('a')).map((e) => e.event)).toEqual(['triggered']);
      await s.close();
    });

    it('a failed incident stays on record, takes no merges, and the triggers that reached it raise anew', async () => {
      const s = await open();
      const at = '2026-11-24T10:00:00.000Z';
      const since = '2026-11-24T09:58:00.000Z';
      await s.incidents.openOrMerge(
        { ...incident('a', 'ward 3', at), raising: true },
        since,
        ev(at, 'merged'),
        'tap-1',
      );
      await s.incidents.openOrMerge(incident('b', 'ward 3', at), since, ev(at, 'merged'), 'tap-2');
      const failed = await s.incidents.fail('a', ev(at, 'failed'));
      expect(failed).toMatchObject({ id: 'a', status: 'failed', raising: false });
      expect(await s.incidents.get('a')).toEqual(failed);
      expect(await s.incidents.open()).toEqual([]);
      expect((await s.incidents.events('a')).map((e) => e.event)).toEqual(['merged', 'failed']);
      // The same two triggers sent again: neither is a repeat, and the first opens a new incident there.
      const resent = await s.incidents.openOrMerge(incident('c', 'ward 3', at), since, ev(at, 'merged'), 'tap-1');
      expect(resent).toMatchObject({ incident: { id: 'c' }, merged: false, repeated: false });
      const second = await s.incidents.openOrMerge(incident('d', 'ward 3', at), since, ev(at, 'merged'), 'tap-2');
      expect(second).toMatchObject({ incident: { id: 'c' }, merged: true, repeated: false });
      expect(await s.incidents.fail('zzz', ev(at, 'failed'))).toBeUndefined();
      await s.close();
    });
  });
}
