// mod_bleep_settings: Prosody runs this CLI for whoever may change the server settings (the ops component,
// Prosody's admins), in the background, so that an apply's reload through `prosodyctl shell` can reach the same
// Prosody. Here Prosody's admin asks over c2s; the component's commands go the same way (component/src/settings).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from '../runner/index.ts';
import { exchange, login, xml, type Client, type XmlElement } from '../runner/test-client.ts';

const NS = 'urn:bleep:prosody:settings:0';
const admin = { user: 'admin', password: 'admin-password' };
const alice = { user: 'alice', password: 'alice-password' };
let prosody: RunningProsody;
let adminClient: Client;
let aliceClient: Client;

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [admin, alice], settingsEnv: true });
  adminClient = await login(prosody.settings, admin);
  aliceClient = await login(prosody.settings, alice);
});
afterAll(async () => {
  await adminClient?.stop();
  await aliceClient?.stop();
  await prosody?.stop();
});

const ask = (client: Client, type: 'get' | 'set', name: string, edits: Record<string, string> = {}) =>
  exchange(
    client,
    xml(
      'iq',
      { type, to: prosody.settings.domain },
      xml(name, { xmlns: NS }, ...Object.entries(edits).map(([key, value]) => xml('set', { key, value }))),
    ),
    30_000,
  );

function result(reply: XmlElement): { exit: string; json: Record<string, unknown> } {
  const el = reply.getChild('result', NS) as (XmlElement & { text(): string }) | undefined;
  if (reply.attrs.type !== 'result' || !el) throw new Error(`not a result: ${String(reply)}`);
  return { exit: el.attrs.exit!, json: JSON.parse(el.text()) as Record<string, unknown> };
}

/** XEP-0363 slot request by alice: 'slot', or the error's text and the largest size it names. */
async function slotFor(size: number): Promise<string> {
  const NS_UPLOAD = 'urn:xmpp:http:upload:0';
  const request = xml('request', { xmlns: NS_UPLOAD, filename: 'scan.pdf', size: String(size) });
  const reply = await exchange(aliceClient, xml('iq', { type: 'get', to: prosody.settings.shareHost }, request));
  if (reply.attrs.type === 'result') return 'slot';
  const error = reply.getChild('error');
  const max = error?.getChild('file-too-large', NS_UPLOAD)?.getChildText('max-file-size');
  return `${error?.getChildText('text') ?? ''} (max ${max ?? '?'})`;
}

it('shows the settings to Prosody’s admin and refuses anyone else with a reason', async () => {
  const shown = result(await ask(adminClient, 'get', 'show'));
  expect(shown.exit).toBe('0');
  expect(shown.json.settings).toContainEqual(
    expect.objectContaining({ key: 'BLEEP_UPLOAD_MAX_BYTES', value: '104857600', source: 'default' }),
  );
  const refused = await ask(aliceClient, 'get', 'show');
  expect(refused.attrs.type).toBe('error');
  expect(refused.getChild('error')?.getChild('forbidden')).toBeTruthy();
  expect(refused.getChild('error')?.getChildText('text')).toMatch(/Only Prosody's admins/);
});

it('previews and refuses with the reasons, changing nothing', async () => {
  const preview = result(await ask(adminClient, 'get', 'preview', { BLEEP_ARCHIVE_EXPIRY_DAYS: '30' }));
  expect(preview.json).toMatchObject({ ok: true, changed: ['BLEEP_ARCHIVE_EXPIRY_DAYS'] });
  expect(preview.json.diff).toContain('+archive_expires_after = "30d"');
  const refused = result(await ask(adminClient, 'set', 'apply', { BLEEP_FEDERATION: 'true' }));
  expect(refused.exit).toBe('1');
  expect(refused.json).toMatchObject({ ok: false, stage: 'refused' });
  expect(JSON.stringify(refused.json)).toMatch(/federation is not allowed/);
});

it('applies an upload limit with a reload while another person stays connected, without blocking Prosody', async () => {
  const socket = aliceClient.socket;
  expect(await slotFor(2000)).toBe('slot');
  const applied = result(await ask(adminClient, 'set', 'apply', { BLEEP_UPLOAD_MAX_BYTES: '1000' }));
  expect(applied.json).toMatchObject({ ok: true, reloaded: true, changed: ['BLEEP_UPLOAD_MAX_BYTES'] });
  expect(await slotFor(2000)).toBe('File too large (max 1000)');
  expect(await slotFor(500)).toBe('slot');
  expect(aliceClient.socket).toBe(socket);
  const shown = result(await ask(adminClient, 'get', 'show'));
  expect(shown.json.settings).toContainEqual(
    expect.objectContaining({ key: 'BLEEP_UPLOAD_MAX_BYTES', value: '1000', source: 'edited' }),
  );
});
