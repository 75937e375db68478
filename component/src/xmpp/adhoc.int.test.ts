// The per-account cap on open command sessions over a real Prosody: a refusal
// is an error stanza saying what to do, and a cancel frees a session at once
// (the app cancels what a page left open). Runs on SQLite (int) and PostgreSQL (int-pg).
import { COMMANDS, NS_BLEEP_ERRORS, NS_COMMANDS, NS_STANZAS } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness({ limits: { commandSessions: 2 } });
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const command = (attrs: Record<string, string>) =>
  exchange(
    admin,
    xml(
      'iq',
      { type: 'set', to: h.prosody.settings.opsHost },
      xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.directoryEdit, ...attrs }),
    ),
  );
const statusOf = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.attrs.status;

it('refuses a session past the cap with what to do, and a cancelled one no longer counts', async () => {
  const first = await command({ action: 'execute' });
  expect(statusOf(first)).toBe('executing');
  expect(statusOf(await command({ action: 'execute' }))).toBe('executing');

  const refused = await command({ action: 'execute' });
  expect(refused.attrs.type).toBe('error');
  const e = refused.getChild('error')!;
  expect(e.attrs.type).toBe('wait');
  expect(e.getChild('resource-constraint', NS_STANZAS)).toBeDefined();
  expect(e.getChild('too-many-sessions', NS_BLEEP_ERRORS)).toBeDefined();
  expect(e.getChildText('text', NS_STANZAS)).toBe(
    'You have 2 command sessions open, the most one account may. Finish or cancel one ' +
      '(close the forms left open in other tabs), then start again. ' +
      'Unfinished ones close after 10 minutes idle: the oldest in 10 min.',
  );

  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  expect(statusOf(await command({ action: 'cancel', sessionid }))).toBe('canceled');
  expect(statusOf(await command({ action: 'execute' }))).toBe('executing');
  expect((await command({ action: 'execute' })).attrs.type).toBe('error');
});
