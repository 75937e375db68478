// The one rule of the outbound encryption step (issue #11): what the user
// wrote never goes in the clear unasked. To a person without OMEMO devices,
// to a room where no other member has one, or from a device where encryption
// did not start, the step refuses (AskFirst, with the reason) unless the user
// chose to send it unencrypted; cannotEncrypt() asks the same rule before
// writing (role messages). What is not a person's or is bodiless goes as it is.
import { xml } from '@xmpp/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent, Target } from '../messages/content.ts';
import { AskFirst } from '../messages/outbound.ts';
import { cannotEncrypt, encryptStep } from './encrypt.ts';
import type { Recipients } from './recipients.ts';
import type { OmemoSession } from './session.ts';

/** Each person's answer: their devices, none (the server said so), or unreadable. */
let lists: Record<string, number[] | 'unknown'>;
let members: string[] | undefined;
vi.mock('./recipients.ts', () => ({
  recipients: async (_s: unknown, jids: string[]): Promise<Recipients> => ({
    devices: jids.flatMap((jid) => {
      const l = lists[jid];
      return Array.isArray(l) ? l.map((id) => ({ jid, id })) : [];
    }),
    without: jids.filter((j) => Array.isArray(lists[j]) && !(lists[j] as number[]).length),
    unknown: jids.filter((j) => lists[j] === 'unknown'),
    unreachable: [],
  }),
}));
vi.mock('./room-members.ts', () => ({ roomMembers: async () => members }));
vi.mock('../rooms/privacy.ts', () => ({
  roomPrivacy: async () => ({ membersOnly: true, nonAnonymous: true }),
  encryptable: () => true,
}));

const ME = 'dana@h.example';
const session = {
  me: ME,
  ready: async () => {},
  engine: { encrypt: vi.fn(async () => ({ sid: 1, iv: new Uint8Array(12), keys: [], payload: new Uint8Array(4) })) },
  plain: { put: async () => {} },
} as unknown as OmemoSession;
const isPerson = (jid: string) => jid.endsWith('@h.example');
const on = encryptStep(async () => session, isPerson);
const off = encryptStep(async () => null, isPerson);

const OMAR: Target = { jid: 'omar@h.example', type: 'chat' };
const PRIYA: Target = { jid: 'priya@h.example', type: 'chat' };
const WARD: Target = { jid: 'ward@conference.h.example', type: 'groupchat' };
const text = (plain?: boolean): MessageContent => ({ kind: 'text', body: 'Bed 4', ...(plain && { plain }) });
const stanza = (to: Target) => xml('message', { to: to.jid, type: to.type }, xml('body', {}, 'Bed 4'));

beforeEach(() => {
  lists = { 'omar@h.example': [], 'priya@h.example': [7], [ME]: [] };
  members = [ME, 'omar@h.example'];
});

describe('the encryption step never sends what the user wrote in the clear unasked', () => {
  it('to a person without OMEMO devices: asks, with the reason', async () => {
    const refused = await on(stanza(OMAR), OMAR, text()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AskFirst);
    expect((refused as Error).message).toBe(
      'Not sent yet: it cannot be encrypted (the colleague has no encryption device; their app does not use OMEMO). ' +
        'Send it unencrypted, or cancel.',
    );
  });

  it('goes unencrypted once the user chose so, and a colleague with devices gets it encrypted', async () => {
    const chosen = await on(stanza(OMAR), OMAR, text(true));
    expect(chosen.getChildText('body')).toBe('Bed 4');
    const sealed = await on(stanza(PRIYA), PRIYA, text());
    expect(sealed.getChildText('body')).not.toBe('Bed 4');
    expect(sealed.getChild('encrypted')).toBeDefined();
  });

  it('a room where no other member has a device asks; one where someone has, encrypts', async () => {
    await expect(on(stanza(WARD), WARD, text())).rejects.toThrow(/no other member of this room has an encryption/);
    members = [ME, 'omar@h.example', 'priya@h.example'];
    expect((await on(stanza(WARD), WARD, text())).getChild('encrypted')).toBeDefined();
  });

  it('a device where encryption did not start asks too; a receipt or a message to the component goes as it is', async () => {
    await expect(off(stanza(PRIYA), PRIYA, text())).rejects.toThrow(/encryption could not start on this device/);
    expect((await off(stanza(PRIYA), PRIYA, text(true))).getChildText('body')).toBe('Bed 4');
    const ops: Target = { jid: 'nurse@ops.h.example', type: 'chat' };
    expect((await on(stanza(ops), ops, text())).getChildText('body')).toBe('Bed 4');
    const receipt = xml('message', { to: OMAR.jid });
    expect(await on(receipt, OMAR, { kind: 'receipt', of: 'x' })).toBe(receipt);
  });

  it('a device list that cannot be read holds the message back (waits), it does not ask', async () => {
    lists['omar@h.example'] = 'unknown';
    const held = await on(stanza(OMAR), OMAR, text()).catch((e: unknown) => e);
    expect(held).not.toBeInstanceOf(AskFirst);
    expect((held as Error).name).toBe('HeldBack');
  });

  it('cannotEncrypt() names, before writing, exactly those the step would ask about', async () => {
    expect(await cannotEncrypt(async () => session, isPerson, [OMAR, PRIYA])).toEqual([
      { jid: OMAR.jid, reason: 'no-devices' },
    ]);
    expect(await cannotEncrypt(async () => null, isPerson, [PRIYA])).toEqual([
      { jid: PRIYA.jid, reason: 'no-session' },
    ]);
  });
});
