// The XEP-0050 framework with a two-step test command: fill a form, confirm.
import { NS_COMMANDS, NS_DATA } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { Commands, SESSIONS_PER_USER, STARTS, type Command, type Permissions } from './adhoc.ts';
import { DEFAULT_LIMITS } from '../config.ts';
import { BleepError } from './errors.ts';
import type { FormDef } from './dataform.ts';
import { parseCaller, type Caller } from './router.ts';
import { xml, type Element } from './xml.ts';

const NAME: FormDef = {
  formType: 'urn:t:name',
  title: 'Name',
  fields: [{ var: 'name', type: 'text-single', label: 'Name', required: true }],
};
const CONFIRM: FormDef = {
  formType: 'urn:t:ok',
  title: 'Confirm',
  fields: [{ var: 'ok', type: 'boolean', label: 'OK' }],
};

const twoStep: Command = {
  node: 'greet',
  name: 'Greet',
  permission: 'staff',
  run: ({ step, data, input }) => {
    if (step === 0) return { kind: 'form', form: NAME };
    if (step === 1) {
      data.name = input!.name;
      return { kind: 'form', form: CONFIRM, last: true };
    }
    return { kind: 'done', note: `Hello ${String(data.name)}` };
  },
};
const admin: Command = { node: 'secret', name: 'Secret', permission: 'server-admin', run: () => ({ kind: 'done' }) };
/** Staff of h.example hold 'staff'; nobody here is a server admin. */
const permissions: Permissions = { holds: async (c, p) => p === 'staff' && c.domain === 'h.example' };

const nurse = parseCaller('nurse@h.example/phone')!;
const other = parseCaller('doctor@h.example/desk')!;

function send(cmds: Commands, caller: Caller, attrs: Record<string, string>, ...children: Element[]) {
  return cmds.execute({ caller, type: 'set', payload: xml('command', { xmlns: NS_COMMANDS, ...attrs }, ...children) });
}
const filled = (v: string, val: string) =>
  xml('x', { xmlns: NS_DATA, type: 'submit' }, xml('field', { var: v }, xml('value', {}, val)));

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BleepError);
  return (err as BleepError).key;
}

describe('ad-hoc commands', () => {
  it('lists only the commands the caller may run', async () => {
    const cmds = new Commands(permissions).add(twoStep).add(admin);
    expect((await cmds.visible(nurse)).map((c) => c.node)).toEqual(['greet']);
    expect(await refusal(send(cmds, nurse, { node: 'secret', action: 'execute' }))).toBe('not-allowed');
  });

  it('runs a multi-step command: executing with next, then complete, then completed with a note', async () => {
    const cmds = new Commands(permissions).add(twoStep);
    const first = await send(cmds, nurse, { node: 'greet', action: 'execute' });
    expect(first.attrs.status).toBe('executing');
    expect(first.getChild('actions')!.attrs.execute).toBe('next');
    const sessionid = first.attrs.sessionid!;
    const second = await send(cmds, nurse, { node: 'greet', sessionid, action: 'next' }, filled('name', 'Priya'));
    expect(second.getChild('actions')!.attrs.execute).toBe('complete');
    expect(second.getChild('actions')!.getChild('prev')).toBeDefined();
    const done = await send(cmds, nurse, { node: 'greet', sessionid, action: 'complete' }, filled('ok', 'true'));
    expect(done.attrs.status).toBe('completed');
    expect(done.getChildText('note')).toBe('Hello Priya');
    expect(await refusal(send(cmds, nurse, { node: 'greet', sessionid, action: 'next' }))).toBe('unknown-session');
  });

  it('goes back with prev and keeps the session through a bad form', async () => {
    const cmds = new Commands(permissions).add(twoStep);
    const { sessionid } = (await send(cmds, nurse, { node: 'greet' })).attrs as { sessionid: string };
    expect(await refusal(send(cmds, nurse, { node: 'greet', sessionid, action: 'next' }, filled('name', '  ')))).toBe(
      'bad-form',
    );
    await send(cmds, nurse, { node: 'greet', sessionid, action: 'next' }, filled('name', 'Priya'));
    const back = await send(cmds, nurse, { node: 'greet', sessionid, action: 'prev' });
    expect(back.getChild('x', NS_DATA)!.getChildText('title')).toBe('Name');
  });

  it('cancels, and refuses another caller the session', async () => {
    const cmds = new Commands(permissions).add(twoStep);
    const { sessionid } = (await send(cmds, nurse, { node: 'greet' })).attrs as { sessionid: string };
    expect(await refusal(send(cmds, other, { node: 'greet', sessionid, action: 'cancel' }))).toBe('unknown-session');
    expect((await send(cmds, nurse, { node: 'greet', sessionid, action: 'cancel' })).attrs.status).toBe('canceled');
  });

  it('expires idle sessions', async () => {
    let now = 0;
    const cmds = new Commands(permissions, () => now).add(twoStep);
    const { sessionid } = (await send(cmds, nurse, { node: 'greet' })).attrs as { sessionid: string };
    now += 11 * 60_000;
    expect(await refusal(send(cmds, nurse, { node: 'greet', sessionid, action: 'next' }, filled('name', 'P')))).toBe(
      'unknown-session',
    );
  });

  it('refuses unknown nodes and actions', async () => {
    const cmds = new Commands(permissions).add(twoStep);
    expect(await refusal(send(cmds, nurse, { node: 'nope' }))).toBe('unknown-command');
    expect(await refusal(send(cmds, nurse, { node: 'greet', action: 'explode' }))).toBe('bad-stanza');
    expect(await refusal(send(cmds, nurse, { node: 'greet', action: 'next' }))).toBe('unknown-session');
  });
});

describe('sessions per account', () => {
  it('caps open sessions per account, saying the limit and what to do; others are untouched', async () => {
    let now = 0;
    const cmds = new Commands(permissions, () => now).add(twoStep);
    const mine = (await send(cmds, other, { node: 'greet' })).attrs.sessionid!;
    for (let i = 0; i < SESSIONS_PER_USER; i++) {
      now += 1000; // slower than the start limit
      await send(cmds, nurse, { node: 'greet' });
    }
    const refused = await send(cmds, nurse, { node: 'greet' }).catch((e: BleepError) => e);
    expect(refused).toBeInstanceOf(BleepError);
    expect((refused as BleepError).key).toBe('too-many-sessions');
    expect((refused as BleepError).message).toBe(
      'You have 20 command sessions open, the most one account may. Finish or cancel one ' +
        '(close the forms left open in other tabs), then start again. ' +
        'Unfinished ones close after 10 minutes idle: the oldest in 10 min.',
    );
    const next = await send(cmds, other, { node: 'greet', sessionid: mine, action: 'next' }, filled('name', 'D'));
    expect(next.attrs.status).toBe('executing');
  });

  // A page left or reloaded mid-command leaves its session open: the cap must not lock the account out.
  it('stops counting sessions idle past the configured time, and a cancel frees one at once', async () => {
    let now = 0;
    const limits = { ...DEFAULT_LIMITS, commandSessions: 3, commandIdleMinutes: 2 };
    const cmds = new Commands(permissions, () => now, limits).add(twoStep);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send(cmds, nurse, { node: 'greet' })).attrs.sessionid!);
    now += 30_000;
    const full = (await send(cmds, nurse, { node: 'greet' }).catch((e: BleepError) => e)) as BleepError;
    expect(full.message).toMatch(
      /You have 3 command sessions open.*close after 2 minutes idle: the oldest in 2 min\.$/,
    );

    expect((await send(cmds, nurse, { node: 'greet', sessionid: ids[0]!, action: 'cancel' })).attrs.status).toBe(
      'canceled',
    );
    const fourth = (await send(cmds, nurse, { node: 'greet' })).attrs.sessionid!;
    expect(await refusal(send(cmds, nurse, { node: 'greet' }))).toBe('too-many-sessions');

    // One used a minute later stays open; the two left idle for 2 minutes close.
    now += 60_000;
    await send(cmds, nurse, { node: 'greet', sessionid: fourth, action: 'next' }, filled('name', 'P'));
    now += 60_000;
    expect((await send(cmds, nurse, { node: 'greet' })).attrs.status).toBe('executing');
    expect((await send(cmds, nurse, { node: 'greet' })).attrs.status).toBe('executing');
    expect(await refusal(send(cmds, nurse, { node: 'greet' }))).toBe('too-many-sessions');
    expect((await send(cmds, nurse, { node: 'greet', sessionid: fourth, action: 'prev' })).attrs.status).toBe(
      'executing',
    );
    expect(await refusal(send(cmds, nurse, { node: 'greet', sessionid: ids[1]!, action: 'cancel' }))).toBe(
      'unknown-session',
    );
  });

  it('limits how fast one account starts commands, saying when to try again', async () => {
    let now = 0;
    const oneStep: Command = { node: 'ping', name: 'Ping', permission: 'staff', run: () => ({ kind: 'done' }) };
    const cmds = new Commands(permissions, () => now).add(oneStep);
    for (let i = 0; i < STARTS.count; i++) await send(cmds, nurse, { node: 'ping' });
    const refused = (await send(cmds, nurse, { node: 'ping' }).catch((e: BleepError) => e)) as BleepError;
    expect(refused.key).toBe('rate-limited');
    expect(refused.message).toBe('You may start at most 120 commands per 60 s. Try again in 1 s.');
    expect((await send(cmds, other, { node: 'ping' })).attrs.status).toBe('completed');
    now += 1000;
    expect((await send(cmds, nurse, { node: 'ping' })).attrs.status).toBe('completed');
  });
});
