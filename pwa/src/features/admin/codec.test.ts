import {
  ACCOUNT_FIELDS as A,
  FORM_ACCOUNTS,
  FORM_DEVICES,
  FORM_INVITES,
  INVITE_FIELDS as I,
  NS_COMMANDS,
  NS_DATA,
} from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseStep, type CommandStep } from '../forms/command.ts';
import { parseAccounts, parseDevices, parseInvites } from './codec.ts';

const row = (jid: string, disabled: string) =>
  xml(
    'item',
    {},
    xml('field', { var: A.jid }, xml('value', {}, jid)),
    xml('field', { var: A.disabled }, xml('value', {}, disabled)),
  );
const answer = (formType: string, ...items: ReturnType<typeof row>[]) =>
  parseStep(
    xml(
      'iq',
      { type: 'result' },
      xml(
        'command',
        { xmlns: NS_COMMANDS, node: 'accounts', status: 'completed' },
        xml(
          'x',
          { xmlns: NS_DATA, type: 'result' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
          ...items,
        ),
      ),
    ),
  ) as CommandStep;

describe('the accounts table', () => {
  it('says which accounts are disabled, by address', () => {
    const accounts = parseAccounts(
      answer(FORM_ACCOUNTS, row('nurse@h.example', 'true'), row('admin@h.example', 'false'), row('x@h.example', '1')),
    );
    expect(accounts).toEqual(
      new Map([
        ['nurse@h.example', true],
        ['admin@h.example', false],
        ['x@h.example', true],
      ]),
    );
  });

  it('is an error value for another form', () => {
    expect(parseAccounts(answer('urn:bleep:other:0', row('nurse@h.example', 'true')))).toBeInstanceOf(Error);
  });
});

describe('the devices table', () => {
  const device = (id: string, last: string, online: string) =>
    xml(
      'item',
      {},
      ...[
        [A.device, id],
        [A.first, '2026-11-30T08:00:00Z'],
        [A.last, last],
        [A.online, online],
      ].map(([v, x]) => xml('field', { var: v! }, xml('value', {}, x!))),
    );

  it('lists each device with its sign-ins and sessions now', () => {
    const devices = parseDevices(
      answer(FORM_DEVICES, device('ab12', '2026-11-30T09:00:00Z', '1'), device('cd34', '2026-11-29T09:00:00Z', '0')),
    );
    expect(devices).toEqual([
      { id: 'ab12', first: '2026-11-30T08:00:00Z', last: '2026-11-30T09:00:00Z', online: 1 },
      { id: 'cd34', first: '2026-11-30T08:00:00Z', last: '2026-11-29T09:00:00Z', online: 0 },
    ]);
    expect(parseDevices(answer(FORM_ACCOUNTS))).toBeInstanceOf(Error);
  });
});

describe('the invites table', () => {
  const invite = (fields: Record<string, string[]>) =>
    xml(
      'item',
      {},
      ...Object.entries(fields).map(([v, vs]) => xml('field', { var: v }, ...vs.map((x) => xml('value', {}, x)))),
    );

  it('gives each invite its whole link on this origin, with its preset', () => {
    const list = parseInvites(
      answer(
        FORM_INVITES,
        invite({
          [I.token]: ['abc'],
          [I.name]: ['Sam Lee'],
          [I.jid]: ['sam.lee@h.example'],
          [I.roles]: ['nurse', 'icu'],
          [I.link]: ['/invite/abc'],
        }),
        invite({ [I.token]: ['def'], [I.link]: ['https://bleep.h.example/invite/def'] }),
        invite({ [I.name]: ['no token, not an invite'] }),
      ),
      'https://app.h.example',
    );
    expect(list).toMatchObject([
      {
        token: 'abc',
        name: 'Sam Lee',
        jid: 'sam.lee@h.example',
        roles: ['nurse', 'icu'],
        link: 'https://app.h.example/invite/abc',
      },
      { token: 'def', link: 'https://bleep.h.example/invite/def' },
    ]);
  });

  it('is an error value for another table', () => {
    expect(parseInvites(answer(FORM_ACCOUNTS), 'https://app.h.example')).toBeInstanceOf(Error);
  });
});
