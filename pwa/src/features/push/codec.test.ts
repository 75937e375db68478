// The push command's answers as the component renders them (protocol/README.md, Push).
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { enableIq, parseRegistered, parseVapidKey, registerSubmitIq } from './codec.ts';

const iq = (s: string) => parse(s) as XmlElement;
const answer = (fields: string) =>
  iq(
    `<iq type="result"><command xmlns="http://jabber.org/protocol/commands" node="push-register" sessionid="s1">` +
      `<x xmlns="jabber:x:data" type="form">${fields}</x></command></iq>`,
  );

describe('push codec', () => {
  it("reads the server's key from step 1, and where to enable push from the result", () => {
    expect(parseVapidKey(answer('<field var="vapid-key" type="hidden"><value>BKey</value></field>'))).toBe('BKey');
    expect(parseVapidKey(answer(''))).toBeInstanceOf(Error);
    const done = answer(
      '<field var="jid" type="jid-single"><value>ops.h.example</value></field>' +
        '<field var="node" type="text-single"><value>push-abc</value></field>',
    );
    expect(parseRegistered(done)).toEqual({ jid: 'ops.h.example', node: 'push-abc' });
    expect(parseRegistered(answer(''))).toBeInstanceOf(Error);
  });

  it('submits the subscription and enables XEP-0357 push with the node', () => {
    const sub = registerSubmitIq('ops.h.example', 's1', { endpoint: 'https://push.example/1', p256dh: 'P', auth: 'A' });
    const x = sub.getChild('command')!.getChild('x')!;
    const v = (k: string) =>
      x
        .getChildren('field')
        .find((f) => f.attrs.var === k)
        ?.getChildText('value');
    expect([v('FORM_TYPE'), v('endpoint'), v('p256dh'), v('auth')]).toEqual([
      'urn:bleep:push:register:0',
      'https://push.example/1',
      'P',
      'A',
    ]);
    expect(enableIq('ops.h.example', 'push-abc').getChild('enable', 'urn:xmpp:push:0')!.attrs).toMatchObject({
      jid: 'ops.h.example',
      node: 'push-abc',
    });
  });
});
