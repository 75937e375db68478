// Push wiring (issue #12): the component is the XEP-0357 app server. Devices
// register their Web Push subscription (push-register) and enable push on
// their account with the node it returns; Prosody's mod_cloud_notify then
// publishes to that node on ops.<domain> whenever the account cannot be
// reached, and the component sends the Web Push (sender.ts, deliver.ts).
// https://xmpp.org/extensions/xep-0357.html
import { NS_PUSH, PUSH_COMMANDS, PUSH_FIELDS as F } from '@bleep/protocol';
import type { Service } from '../service.ts';
import type { Outcome } from '../xmpp/adhoc.ts';
import { AnswerTokens } from '../responses/token.ts';
import { BleepError } from '../xmpp/errors.ts';
import { parseSummary } from './codec.ts';
import { Deliver } from './deliver.ts';
import { REGISTER_FORM, REGISTERED_FORM, UNREGISTER_FORM } from './forms.ts';
import { pushesFor } from './payload.ts';
import { newVapidKeys, WebPushSender } from './sender.ts';
import { checkSubscription, newNode } from './subscription.ts';

const PREFIX = 'push-';

export const pushService: Service = {
  name: 'push',
  // XEP-0357 §3: an app server advertises urn:xmpp:push:0.
  features: [NS_PUSH],
  register({ config, store, router, commands, scheduler, log }) {
    let sender: Promise<WebPushSender> | undefined;
    const senderOf = () =>
      (sender ??= store.push
        .vapid(newVapidKeys, new Date().toISOString())
        .then((keys) => new WebPushSender(keys, config.push.subject, config.push.ca)));
    const tokens = new AnswerTokens(config.componentSecret);
    const deliver = new Deliver({ push: store.push, scheduler, log, sender: senderOf });

    commands.add({
      node: PUSH_COMMANDS.pushRegister,
      name: 'Push notifications for this device',
      permission: 'staff',
      run: async ({ caller, step, input }): Promise<Outcome> => {
        if (step === 0)
          return {
            kind: 'form',
            form: REGISTER_FORM,
            values: { [F.vapidKey]: (await store.push.vapid(newVapidKeys, new Date().toISOString())).publicKey },
            last: true,
          };
        const sub = {
          endpoint: String(input?.[F.endpoint] ?? '').trim(),
          p256dh: String(input?.[F.p256dh] ?? '').trim(),
          auth: String(input?.[F.auth] ?? '').trim(),
        };
        checkSubscription(sub, config.push.services);
        const node = newNode();
        await store.push.subscribe({ ...sub, node, jid: caller.bare, created: new Date().toISOString() });
        log.info({ jid: caller.bare, node }, 'push subscription registered');
        return {
          kind: 'done',
          note: 'Registered. Now enable push on your account with this service and node (XEP-0357).',
          form: REGISTERED_FORM,
          values: { [F.jid]: config.opsHost, [F.node]: node },
        };
      },
    });

    commands.add({
      node: PUSH_COMMANDS.pushUnregister,
      name: 'Stop push notifications',
      permission: 'staff',
      run: async ({ caller, step, input }) => {
        if (step === 0) return { kind: 'form', form: UNREGISTER_FORM, last: true };
        const endpoint = String(input?.[F.endpoint] ?? '').trim();
        const mine = (await store.push.byJid(caller.bare)).filter((s) => !endpoint || s.endpoint === endpoint);
        for (const s of mine) await store.push.remove(s.node);
        log.info({ jid: caller.bare, removed: mine.length }, 'push subscriptions removed');
        return { kind: 'done', note: mine.length ? `Push stopped on ${mine.length} device(s).` : 'Nothing to stop.' };
      },
    });

    // XEP-0357 §5: Prosody publishes a notification to the node; only the server itself may.
    router.pubsub({ prefix: PREFIX }, async ({ caller, action, node, element }) => {
      if (caller.jid !== config.domain)
        throw new BleepError('not-allowed', 'Only the server publishes push notifications.');
      if (action !== 'publish') throw new BleepError('unsupported', 'A push node only takes publish.');
      const sub = await store.push.byNode(node);
      // Prosody counts errors and disables a registration after several (mod_cloud_notify push_max_errors).
      if (!sub) throw new BleepError('unknown-node', 'This push registration was removed; enable push again.');
      const summary = parseSummary(element);
      if (!summary) throw new BleepError('bad-stanza', 'A push notification carries a urn:xmpp:push:summary form.');
      // Receipts, markers and chat states: nothing to show, and a browser wants every push shown.
      if (!summary.important) return undefined;
      // Answered at once; the pushes go on their own (a slow push service must not hold Prosody's IQ).
      void pushesFor(
        { store, opsHost: config.opsHost, mucHost: config.mucHost, tokens, include: config.push.include },
        sub.jid,
        summary.sender ?? '',
      )
        .then((pushes) => Promise.all(pushes.map((p) => deliver.toSubscription(sub, p.payload, p.options))))
        .catch((err: Error) => log.error({ node, err: err.message }, 'push not sent'));
      return undefined;
    });

    return {
      // The push services' kept-alive connections (sender.ts).
      stop: async () => (await sender)?.close(),
    };
  },
};
