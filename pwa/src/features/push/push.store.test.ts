// Signing out (issue #12): before the stream ends, this device's push is
// disabled on the account (XEP-0357), its subscription is removed from the
// component (push-unregister, by endpoint) and from the browser, and the app
// forgets it; a later sign-in registers afresh.
import { NS_COMMANDS, NS_DATA, NS_PUSH, PUSH_COMMANDS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { usePush } from './push.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));

const ENDPOINT = 'https://push.example/send/dana-phone';
const SAVED = { account: 'dana@h.example', endpoint: ENDPOINT, jid: 'ops.h.example', node: 'push-dana-1' };
let kept: Map<string, string>;
let client: FakeClient;
let asked: XmlElement[];
let unsubscribed: number;

beforeEach(async () => {
  kept = new Map([['bleep.push', JSON.stringify(SAVED)]]);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => kept.set(k, v),
    removeItem: (k: string) => kept.delete(k),
  });
  unsubscribed = 0;
  const subscription = { endpoint: ENDPOINT, unsubscribe: async () => (unsubscribed++, true) };
  vi.stubGlobal('navigator', {
    serviceWorker: { getRegistration: async () => ({ pushManager: { getSubscription: async () => subscription } }) },
  });
  // No PushManager: signing in here does not register (this test is the sign-out).
  vi.stubGlobal('window', {});
  link.reset();
  setActivePinia(createPinia());
  usePush();
  client = fakeClient('dana@h.example');
  asked = [];
  client.answer = (iq) => {
    asked.push(iq);
    const command = iq.getChild('command', NS_COMMANDS);
    if (command?.attrs.action !== 'execute') return xml('iq', { type: 'result' });
    // push-unregister's form: its session and FORM_TYPE, for the second step.
    return xml(
      'iq',
      { type: 'result' },
      xml(
        'command',
        { xmlns: NS_COMMANDS, node: command.attrs.node, sessionid: 'unreg-1', status: 'executing' },
        xml(
          'x',
          { xmlns: NS_DATA, type: 'form' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'urn:bleep:push:unregister')),
        ),
      ),
    );
  };
  await link.ready(client);
});

afterEach(() => vi.unstubAllGlobals());

it('disables push on the account, removes the subscription from the component and the browser, and forgets it', async () => {
  await link.signOut();
  const [disable, execute, complete] = asked;
  expect(disable?.getChild('disable', NS_PUSH)?.attrs).toMatchObject({ jid: SAVED.jid, node: SAVED.node });
  expect(execute?.getChild('command', NS_COMMANDS)?.attrs).toMatchObject({
    node: PUSH_COMMANDS.pushUnregister,
    action: 'execute',
  });
  const done = complete?.getChild('command', NS_COMMANDS);
  expect(done?.attrs).toMatchObject({ node: PUSH_COMMANDS.pushUnregister, sessionid: 'unreg-1', action: 'complete' });
  const values = done
    ?.getChild('x', NS_DATA)
    ?.getChildren('field')
    .flatMap((f) => f.getChildren('value').map((v) => v.text()));
  expect(values).toContain(ENDPOINT);
  expect(unsubscribed).toBe(1);
  expect(kept.has('bleep.push')).toBe(false);
  expect(usePush().on).toBe(false);
});

it('asks nothing of the server when this device never had push', async () => {
  kept.clear();
  await link.signOut();
  expect(asked).toEqual([]);
});
