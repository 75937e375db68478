// One behaviour for every ResponseStore (memory, SQLite, PostgreSQL): the
// answer path under the request's lock, from two store instances at once
// where the database is shared (two processes on one database).
import { describe, expect, it } from 'vitest';
import { decideAnswer } from '../responses/answer.ts';
import { decideExpiry } from '../responses/close.ts';
import type { Store, StoredRequest } from './types.ts';

const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 42, s)).toISOString();
const people = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}@h.example`);

export function request(id: string, over: Partial<StoredRequest> = {}): StoredRequest {
  return {
    id,
    template: 'accept-patient',
    title: 'Accept Patient',
    sender: 'doctor@h.example',
    senderName: 'Dr Amara Okafor',
    rule: { kind: 'exclusive' },
    choices: [
      { value: 'accept', label: 'Accept', style: 'primary', accepts: true },
      { value: 'decline', label: 'Decline', style: 'neutral', accepts: false },
    ],
    fields: [{ var: 'bed', label: 'Bed', value: "12 'north'; DROP TABLE requests" }],
    audience: { kind: 'role', role: 'anaesthesia' },
    created: at(0),
    expires: at(59),
    status: 'pending',
    statusAt: at(0),
    recipients: people.map((jid) => ({ jid, name: jid.split('@')[0]!, deliveredAt: at(0) })),
    answers: [],
    ...over,
  };
}

const answer = (store: Store, id: string, by: string, choice: string, s: number) =>
  store.responses.change(id, (r) => decideAnswer(r, { by, name: by, choice, at: at(s), resource: 'pwa' }));

export function responsesContract(name: string, open: () => Promise<Store>, second?: () => Promise<Store>): void {
  describe(`${name} response store`, () => {
    it('keeps a request with its recipients and the created and delivered audit events', async () => {
      const s = await open();
      await s.responses.create(request('r1'), 'pwa');
      expect(await s.responses.get('r1')).toEqual(request('r1'));
      const audit = await s.responses.audit({ sender: 'doctor@h.example' });
      expect(audit.map((e) => e.event)).toEqual(['created', ...people.map(() => 'delivered')]);
      expect(await s.responses.audit({ sender: 'someone@h.example' })).toEqual([]);
      expect(await s.responses.get('nope')).toBeUndefined();
      await s.close();
    });

    it('20 simultaneous accepts of an exclusive request: exactly one winner, the others refused and unrecorded', async () => {
      const a = await open();
      const b = second ? await second() : a;
      await a.responses.create(request('r2'), 'pwa');
      const results = await Promise.allSettled(people.map((p, i) => answer(i % 2 ? b : a, 'r2', p, 'accept', 1)));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results.filter((x) => x.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({ key: 'request-closed' });
      const after = (await a.responses.get('r2'))!;
      expect(after.status).toBe('accepted');
      expect(after.answers).toHaveLength(1);
      const events = (await a.responses.audit({})).filter((e) => e.request === 'r2').map((e) => e.event);
      expect(events.filter((e) => e === 'answered')).toHaveLength(1);
      expect(events.at(-1)).toBe('accepted');
      if (b !== a) await b.close();
      await a.close();
    });

    it("a changed answer replaces the person's answer (one row) and appends to the audit", async () => {
      const s = await open();
      await s.responses.create(request('r3', { rule: { kind: 'each' } }), 'pwa');
      await answer(s, 'r3', people[0]!, 'decline', 1);
      await answer(s, 'r3', people[0]!, 'accept', 2);
      await answer(s, 'r3', people[0]!, 'accept', 3);
      const second = await answer(s, 'r3', people[1]!, 'decline', 4);
      const r = (await s.responses.get('r3'))!;
      // What change() says the request became is what the store then holds.
      expect(second?.after).toEqual(r);
      expect(r.answers).toEqual([
        { by: people[0], name: people[0], choice: 'accept', at: at(2), resource: 'pwa' },
        { by: people[1], name: people[1], choice: 'decline', at: at(4), resource: 'pwa' },
      ]);
      const events = (await s.responses.audit({})).filter((e) => e.event === 'answered' || e.event === 'changed');
      expect(events.map((e) => [e.event, e.choice, e.tookMs])).toEqual([
        ['answered', 'decline', 1000],
        ['changed', 'accept', 2000],
        ['answered', 'decline', 4000],
      ]);
      await s.close();
    });

    it('a refused answer changes nothing; expiry is decided once', async () => {
      const s = await open();
      await s.responses.create(request('r4'), 'pwa');
      await expect(answer(s, 'r4', 'stranger@h.example', 'accept', 1)).rejects.toMatchObject({ key: 'not-addressed' });
      await expect(answer(s, 'r4', people[0]!, 'maybe', 1)).rejects.toMatchObject({ key: 'bad-answer' });
      await s.responses.change('r4', (r) => decideExpiry(r, at(59)));
      await s.responses.change('r4', (r) => decideExpiry(r, at(59)));
      await expect(answer(s, 'r4', people[0]!, 'accept', 59)).rejects.toMatchObject({ key: 'request-expired' });
      const r = (await s.responses.get('r4'))!;
      expect([r.status, r.answers]).toEqual(['expired', []]);
      expect((await s.responses.audit({})).filter((e) => e.request === 'r4').at(-1)?.event).toBe('expired');
      expect((await s.responses.audit({})).filter((e) => e.event === 'expired')).toHaveLength(1);
      await s.close();
    });

    it('lists newest first, per sender, and purges what is older than the retention', async () => {
      const s = await open();
      await s.responses.create(request('old', { created: '2025-01-01T00:00:00.000Z' }), 'pwa');
      await s.responses.create(request('new'), 'pwa');
      await s.responses.create(request('other', { sender: 'nurse@h.example' }), 'pwa');
      expect((await s.responses.list({ sender: 'doctor@h.example', limit: 10 })).map((r) => r.id)).toEqual([
        'new',
        'old',
      ]);
      expect(await s.responses.purge('2026-01-01T00:00:00.000Z')).toBe(1);
      expect(await s.responses.get('old')).toBeUndefined();
      expect((await s.responses.audit({})).some((e) => e.request === 'old')).toBe(false);
      await s.close();
    });

    it('lists the requests posted in one room, newest first, and no other room of a similar name', async () => {
      const s = await open();
      const room = (r: string) => ({ audience: { kind: 'room' as const, room: r } });
      await s.responses.create(request('a', { ...room('ward_3@c.h.example'), created: at(1) }), 'pwa');
      await s.responses.create(request('b', { ...room('ward_3@c.h.example'), created: at(2) }), 'pwa');
      await s.responses.create(request('c', { ...room('wardx3@c.h.example'), created: at(3) }), 'pwa');
      await s.responses.create(request('d', { ...room('old-ward_3@c.h.example'), created: at(4) }), 'pwa');
      await s.responses.create(request('e', { created: at(5) }), 'pwa');
      expect((await s.responses.list({ room: 'ward_3@c.h.example', limit: 10 })).map((r) => r.id)).toEqual(['b', 'a']);
      await s.close();
    });

    it("with openFirst, lists a room's open requests before its closed ones, each newest first", async () => {
      const s = await open();
      const room = 'ward-4@c.h.example';
      const posted = (id: string, n: number, status: StoredRequest['status']) =>
        s.responses.create(request(id, { audience: { kind: 'room', room }, created: at(n), status }), 'pwa');
      await posted('open-old', 1, 'pending');
      await posted('open-new', 2, 'escalated');
      await posted('expired', 3, 'expired');
      await posted('accepted', 4, 'accepted');
      const ids = async (openFirst: boolean, limit: number) =>
        (await s.responses.list({ room, openFirst, limit })).map((r) => r.id);
      expect(await ids(true, 10)).toEqual(['open-new', 'open-old', 'accepted', 'expired']);
      expect(await ids(true, 1)).toEqual(['open-new']);
      expect(await ids(false, 1)).toEqual(['accepted']);
      await s.close();
    });

    it('adds templates whose id is free and keeps the rest as they are', async () => {
      const s = await open();
      const t = {
        id: 't1',
        title: 'T',
        choices: request('x').choices,
        rule: { kind: 'quorum', n: 2 } as const,
        fields: [],
      };
      await s.responses.addTemplates([t, { ...t, id: 't2', expiresAfterMs: 60_000 }]);
      await s.responses.addTemplates([{ ...t, title: 'changed' }]);
      expect(await s.responses.templates()).toEqual([t, { ...t, id: 't2', expiresAfterMs: 60_000 }]);
      await s.close();
    });

    it('edits a template in its place, adds a new one last, and audits both', async () => {
      const s = await open();
      const t = { id: 't1', title: 'T', choices: request('x').choices, rule: { kind: 'each' } as const, fields: [] };
      await s.responses.addTemplates([t, { ...t, id: 't2' }]);
      const changed = {
        ...t,
        title: 'Changed',
        rule: { kind: 'quorum', n: 3 } as const,
        expiresAfterMs: 90_000,
        escalation: { afterMs: 30_000, people: ['a@x'], roles: ['doctor'] },
        fields: [{ var: 'bed', type: 'text-single', label: 'Bed', required: true } as const],
        onAccept: 'join-room' as const,
      };
      const meta = { id: 'e1', at: '2026-11-30T10:00:00.000Z', actor: 'admin@x', action: 'template-edit' };
      expect(await s.responses.editTemplate(changed, meta)).toEqual({ before: t, after: changed });
      expect(await s.responses.editTemplate({ ...t, id: 't0' }, { ...meta, id: 'e2' })).toEqual({
        after: { ...t, id: 't0' },
      });
      expect((await s.responses.templates()).map((x) => x.id)).toEqual(['t1', 't2', 't0']);
      expect((await s.responses.templates())[0]).toEqual(changed);
      const [added, edited] = await s.audit.list({ kind: 'template', limit: 5 });
      expect(edited).toMatchObject({ target: 'template:t1', before: t, after: changed, actor: 'admin@x' });
      expect(added).toMatchObject({ target: 'template:t0', before: null });
      await s.close();
    });

    it('deletes a template, audited; the seeding does not bring it back, an edit adds it again', async () => {
      const s = await open();
      const t = { id: 't1', title: 'T', choices: request('x').choices, rule: { kind: 'each' } as const, fields: [] };
      const seed = [t, { ...t, id: 't2' }];
      await s.responses.addTemplates(seed);
      const meta = { id: 'd1', at: '2026-11-30T10:00:00.000Z', actor: 'admin@x', action: 'template-delete' };
      expect(await s.responses.deleteTemplate('t1', meta)).toEqual(t);
      expect(await s.responses.deleteTemplate('t1', { ...meta, id: 'd2' })).toBeUndefined();
      await s.responses.addTemplates(seed);
      expect((await s.responses.templates()).map((x) => x.id)).toEqual(['t2']);
      const [deleted] = await s.audit.list({ kind: 'template', limit: 5 });
      expect(deleted).toMatchObject({ target: 'template:t1', before: t, after: null, actor: 'admin@x' });
      await s.responses.editTemplate(t, { ...meta, id: 'e1', action: 'template-edit' });
      await s.responses.addTemplates(seed);
      expect((await s.responses.templates()).map((x) => x.id)).toEqual(['t2', 't1']);
      await s.close();
    });
  });
}
