import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseContent, preview, type Shown } from '../content.ts';
import { messageStanza } from '../outbound.ts';

const FRAG = '0123456789abcdef01234567' + 'ab'.repeat(32);
const link = (name: string) => `aesgcm://bleep.localhost/file_share/u1/${name}#${FRAG}`;
const ctx = {
  type: 'chat',
  from: 'a@bleep.localhost',
  sender: 'a@bleep.localhost',
  archived: false,
  opsHost: 'ops.bleep.localhost',
  mucHost: 'conference.bleep.localhost',
} as const;
const msg = (body: string) => xml('message', { type: 'chat' }, xml('body', {}, body));

describe('media content (XEP-0454 links)', () => {
  it('reads a body that is one aesgcm:// link as an attachment, anything else as text', () => {
    expect(parseContent(msg(link('photo.jpg')), ctx)).toEqual({ kind: 'media', body: link('photo.jpg') });
    expect(parseContent(msg(`see ${link('photo.jpg')}`), ctx)?.kind).toBe('text');
    expect(parseContent(msg('aesgcm://bleep.localhost/x.jpg#00'), ctx)?.kind).toBe('text');
  });

  it('sends the link as the body only, markable and with a receipt request, never as out-of-band data', () => {
    const el = messageStanza(
      { jid: 'b@bleep.localhost', type: 'chat' },
      { kind: 'media', body: link('voice-message.weba') },
      'id1',
    );
    expect(el.getChildText('body')).toBe(link('voice-message.weba'));
    expect(el.getChild('x', 'jabber:x:oob')).toBeUndefined();
    expect(el.getChild('markable', 'urn:xmpp:chat-markers:0')).toBeDefined();
    expect(el.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
  });

  it('says what it is in the chat list and notifications, never the link', () => {
    const p = (name: string) => preview({ kind: 'media', body: link(name) } as Shown);
    expect(p('photo.jpg')).toBe('Photo');
    expect(p('video.webm')).toBe('Video');
    expect(p('voice-message.weba')).toBe('Voice message');
    expect(p('file.pdf')).toBe('File: file.pdf');
  });
});
