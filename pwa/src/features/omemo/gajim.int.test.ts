// Gajim (Debian bookworm's 1.7.3 with gajim-omemo 2.9.0) against Bleep's
// Prosody and the PWA's own OMEMO code (issue #11): exploratory, run by hand
// only (BLEEP_GAJIM=1), since a GUI client is too heavy for CI. This side
// starts the stack, makes a members-only, non-anonymous room with Gajim's
// account as a member and an autojoin bookmark for it (XEP-0402), writes
// the ports and certificate to $BLEEP_GAJIM_DIR/stack.json, then waits for
// what Gajim (run under Xvfb, driven with xdotool: protocol/README.md, "Other
// clients") does, and answers it; Dino 0.4.2 was run as that account's client
// once too. What was seen is in protocol/README.md.
import 'fake-indexeddb/auto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NS_OMEMO } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { exchange, login } from '@bleep/prosody-config/test-client';
import { xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureIq, joinPresence, memberIq } from '../rooms/codec.ts';
import { announce, fetchDevices, removeDevices } from './devices.ts';
import { side, sendText, until, type Side } from './test-side.ts';

const DIR = process.env.BLEEP_GAJIM_DIR ?? '/tmp/gajim-evidence';
const DANA = { user: 'dispatcher', password: 'dispatcher-password-1' };
const GAJIM = { user: 'gajim-user', password: 'gajim-password-1' };
const WAIT = 15 * 60_000;
const log = (line: string) => appendFileSync(join(DIR, 'driver.log'), `${new Date().toISOString()} ${line}\n`);

let prosody: RunningProsody;
let dana: Side;
let gajimJid = '';
let room = '';

describe.skipIf(!process.env.BLEEP_GAJIM)('Gajim against Bleep (by hand)', () => {
  beforeAll(async () => {
    for (const l of process.listeners('unhandledRejection'))
      if (l.name === 'abort') process.off('unhandledRejection', l);
    mkdirSync(DIR, { recursive: true });
    // BLEEP_GAJIM_CONTROL=1: without mod_bleep_omemo_notify, to see what it changes for Gajim.
    const control = process.env.BLEEP_GAJIM_CONTROL
      ? 'VirtualHost "bleep.localhost"\nmodules_disabled = { "bleep_omemo_notify" }'
      : undefined;
    prosody = await startTestProsody({ accounts: [DANA, GAJIM], extraConfig: control });
    const s = prosody.settings;
    gajimJid = `${GAJIM.user}@${s.domain}`;
    room = `ward-gajim@${s.mucHost}`;
    const d = await login(s, DANA);
    await d.send(xml('presence') as never);
    dana = await side(d, `${DANA.user}@${s.domain}`, s);
    await announce(dana.session.request, dana.session.engine, dana.jid);
    // The room as Bleep makes them, Gajim's account a member.
    const self = until(() => dana.raw.find((el) => el.name === 'presence' && el.attrs.from === `${room}/${DANA.user}`));
    await dana.client.send(joinPresence(room, DANA.user) as never);
    await self;
    await dana.session.request(configureIq(room, 'Ward Gajim'));
    await dana.session.request(memberIq(room, gajimJid));
    // An autojoin bookmark in Gajim's own account, so Gajim enters the room by itself (the node as PEP makes it).
    const g = await login(s, GAJIM);
    const conference = xml(
      'conference',
      { xmlns: 'urn:xmpp:bookmarks:1', name: 'Ward Gajim', autojoin: 'true' },
      xml('nick', {}, GAJIM.user),
    );
    const publish = xml(
      'iq',
      { type: 'set' },
      xml(
        'pubsub',
        { xmlns: 'http://jabber.org/protocol/pubsub' },
        xml('publish', { node: 'urn:xmpp:bookmarks:1' }, xml('item', { id: room }, conference)),
      ),
    );
    log(`bookmark publish: ${(await exchange(g, publish as never)).attrs.type}`);
    await g.stop();
    const stack = { domain: s.domain, c2s: s.ports.c2s, cert: s.tls.cert, room, gajim: GAJIM, dana: dana.jid };
    writeFileSync(join(DIR, 'stack.json'), JSON.stringify(stack, null, 2));
    log(`stack up: ${JSON.stringify(stack)}; Bleep device ${dana.session.engine.deviceId}`);
  }, 60_000);

  afterAll(async () => {
    await dana?.client.stop().catch(() => {});
    await prosody?.stop();
  });

  it(
    'Gajim publishes its OMEMO device list where a colleague reads it',
    async () => {
      let ids: number[] = [];
      for (const end = Date.now() + WAIT; ids.length === 0 && Date.now() < end;) {
        ids = await fetchDevices(dana.session.request, gajimJid).catch(() => []);
        if (ids.length === 0) await new Promise((r) => setTimeout(r, 2000));
      }
      expect(ids.length).toBeGreaterThan(0);
      log(`Gajim's device list, read by Bleep: ${ids}`);
    },
    WAIT,
  );

  it("Bleep's message reaches Gajim encrypted", async () => {
    let sent: Awaited<ReturnType<typeof sendText>> | undefined;
    for (const end = Date.now() + 60_000; !sent && Date.now() < end;) {
      sent = await sendText(dana, { jid: gajimJid } as Side, 'Bed 4 potassium 6.8 from Bleep').catch((e) => {
        log(`held back: ${String(e)}`);
        return undefined;
      });
      if (!sent) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(sent?.getChild('encrypted', NS_OMEMO)).toBeDefined();
    log(`sent encrypted to Gajim: ${sent!.getChild('encrypted', NS_OMEMO)!.toString().slice(0, 200)}`);
  }, 90_000);

  it(
    "Gajim's 1:1 answer reaches Bleep encrypted, and Bleep decrypts it",
    async () => {
      const got = await until(
        () => dana.got.find((e) => e.type === 'chat' && e.from.startsWith(gajimJid) && e.content.kind === 'text'),
        WAIT,
      );
      const raw = dana.raw.find(
        (el) => el.attrs.from?.startsWith(gajimJid) && el.getChild('encrypted', NS_OMEMO)?.getChild('payload'),
      );
      log(`from Gajim: ${JSON.stringify({ from: got.from, content: got.content, security: got.security })}`);
      log(`raw had <encrypted/>: ${Boolean(raw)}, fallback body: ${raw?.getChildText('body')}`);
      expect(got.security).toBe('encrypted');
    },
    WAIT,
  );

  it(
    'Gajim is in the room; the room gets Bleep encrypted and Gajim answers encrypted',
    async () => {
      const nick = `${room}/${GAJIM.user}`;
      await until(() => dana.raw.find((el) => el.name === 'presence' && el.attrs.from === nick), WAIT);
      log('Gajim entered the room');
      await new Promise((r) => setTimeout(r, 5000));
      const sent = await sendText(dana, room, 'Bed 9 needs the spare ventilator');
      log(`room message encrypted: ${Boolean(sent.getChild('encrypted', NS_OMEMO))}`);
      const got = await until(
        () => dana.got.find((e) => e.conversation === room && !e.mine && e.content.kind === 'text'),
        WAIT,
      );
      log(
        `from Gajim in the room: ${JSON.stringify({ from: got.from, content: got.content, security: got.security })}`,
      );
      expect(got.security).toBe('encrypted');
    },
    WAIT * 2,
  );

  it(
    "Bleep signs out and in again (a new device): Gajim's next 1:1 message is encrypted for the new device",
    async () => {
      const s = prosody.settings;
      const old = dana.session.engine.deviceId;
      await removeDevices(dana.session.request, dana.jid, [old]); // what sign-out does with the device's keys
      await dana.client.stop();
      const d = await login(s, DANA);
      await d.send(xml('presence') as never);
      dana = await side(d, `${DANA.user}@${s.domain}`, s);
      log(
        `Bleep device ${old} signed out; new device ${dana.session.engine.deviceId}: ${await announce(dana.session.request, dana.session.engine, dana.jid)}`,
      );
      const shown = (e: (typeof dana.got)[number]) => ['text', 'undecryptable'].includes(e.content.kind);
      const got = await until(
        () => dana.got.find((e) => e.type === 'chat' && e.from.startsWith(gajimJid) && shown(e)),
        WAIT,
      );
      log(
        `from Gajim to the new device: ${JSON.stringify({ content: got.content, security: got.security, reason: (got as { reason?: unknown }).reason })}`,
      );
      // Typed in Gajim: "After your new sign-in, from Gajim"; the new device reads it only if Gajim encrypted for it.
      expect(got.content).toEqual({ kind: 'text', body: 'After your new sign-in, from Gajim' });
    },
    WAIT,
  );
});
