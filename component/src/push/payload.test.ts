// What a push says, by the hospital's choice (BLEEP_PUSH_INCLUDE): by default who, which request, which alarm
// and no patient data; an alarm's place or a request's fields only when the hospital adds them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from '../alarms/defaults.ts';
import { AnswerTokens } from '../responses/token.ts';
import { memoryStore } from '../store/memory.ts';
import { request } from '../store/test-responses-contract.ts';
import { pushesFor, type PayloadDeps } from './payload.ts';

const nurse = 'p00@h.example';
/** The incident room's bare JID: its invitation carries the alarm (alarms/codec.ts). */
const ROOM = 'alarm-efgh2345@conference.h.example';
async function deps(include: PayloadDeps['include']): Promise<PayloadDeps> {
  const store = memoryStore();
  await store.responses.create(request('abcd2345', { expires: '2099-01-01T00:00:00.000Z' }), 'pwa');
  await store.incidents.openOrMerge(
    {
      id: 'efgh2345',
      preset: DEFAULT_PRESETS[0]!,
      place: 'ward 3',
      location: 'Ward 3',
      bed: '4',
      note: 'Mr Jones',
      room: 'alarm-efgh2345@conference.h.example',
      roomName: 'Code Blue · Ward 3',
      trigger: 'doctor@h.example',
      triggerName: 'Dr Amara Okafor',
      request: 'abcd2345',
      responders: [nurse],
      status: 'open',
      created: new Date().toISOString(),
    },
    new Date().toISOString(),
    { at: '', event: 'merged', who: '', detail: '' },
  );
  return {
    store,
    opsHost: 'ops.h.example',
    mucHost: 'conference.h.example',
    tokens: new AnswerTokens('s'.repeat(20)),
    include,
  };
}

describe('push payloads', () => {
  it('by default say which request and which alarm, without their fields, place, bed or note', async () => {
    const d = await deps([]);
    const [req] = await pushesFor(d, nurse, 'req-abcd2345@ops.h.example');
    const [alarm] = await pushesFor(d, nurse, ROOM);
    expect(req!.payload).toMatchObject({ kind: 'request', title: 'Accept Patient' });
    expect(alarm!.payload).toMatchObject({ kind: 'alarm', name: DEFAULT_PRESETS[0]!.name, incident: 'efgh2345' });
    const text = JSON.stringify([req!.payload, alarm!.payload]);
    for (const secret of ['DROP TABLE', 'Ward 3', 'bed', 'Jones']) expect(text).not.toContain(secret);
    // A post in the incident room (room/nick) is no alarm, and pushes nothing.
    expect(await pushesFor(d, nurse, `${ROOM}/Dr Amara Okafor`)).toEqual([]);
  });

  it("adds an alarm's place and a request's fields where the hospital chose so, never the note", async () => {
    const d = await deps(['alarm-place', 'request-fields']);
    const [req] = await pushesFor(d, nurse, 'req-abcd2345@ops.h.example');
    const [alarm] = await pushesFor(d, nurse, ROOM);
    expect(req!.payload).toMatchObject({ fields: [{ label: 'Bed', value: "12 'north'; DROP TABLE requests" }] });
    expect(alarm!.payload).toMatchObject({ place: 'Ward 3, bed 4' });
    expect(JSON.stringify(alarm!.payload)).not.toContain('Jones');
    const onlyPlace = await deps(['alarm-place']);
    expect((await pushesFor(onlyPlace, nurse, 'req-abcd2345@ops.h.example'))[0]!.payload).not.toHaveProperty('fields');
  });
});
