import { describe, expect, it } from 'vitest';
import { fixture } from '../test-fixtures.ts';
import { xml } from '../xmpp/xml.ts';
import { parseSummary } from './codec.ts';

const publishOf = (iq: ReturnType<typeof fixture>) => iq.getChild('pubsub')!.getChild('publish')!;

describe('XEP-0357 notifications', () => {
  it('reads the sender and importance from push-notification.xml', () => {
    expect(parseSummary(publishOf(fixture('push-notification.xml')))).toEqual({
      sender: 'nurse@bleep.localhost/pwa',
      important: true,
    });
  });

  it('counts a notification without last-message-body (a receipt, a marker) as not worth showing', () => {
    const publish = publishOf(fixture('push-notification.xml'));
    const form = publish.getChild('item')!.getChild('notification')!.getChild('x')!;
    form.children = form.getChildren('field').filter((f) => f.attrs.var !== 'last-message-body');
    expect(parseSummary(publish)).toEqual({ sender: 'nurse@bleep.localhost/pwa', important: false });
  });

  it('takes nothing but a urn:xmpp:push:summary form', () => {
    expect(parseSummary(xml('publish', { node: 'push-x' }, xml('item')))).toBeUndefined();
  });
});
