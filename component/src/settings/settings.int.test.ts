// Server settings through the ops component on a real Prosody (issue #13 part 5): Prosody's admin sees them,
// every insecure or broken edit is refused with the reason and changes nothing, an apply reloads Prosody while
// a connected person keeps their stream and their messages still flow, a failing `prosodyctl check config` is
// rolled back saying why, a hand edit of prosody.cfg.lua is reported (and kept when asked), and each applied
// change is in the audit record. Non-admins are refused in authz.int.test.ts.
import { NS_COMMANDS, NS_STANZAS, SETTINGS_COMMANDS as C, SETTINGS_FIELDS as F } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, nextStanza, runCommand, startHarness, tableRows, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let admin: Client;
let nurse: Client;
let dispatcher: Client;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  admin = await h.login('admin');
  nurse = await h.login('nurse');
  dispatcher = await h.login('dispatcher');
});
afterAll(() => h?.stop());

const config = () => readFile(h.prosody.configPath, 'utf8');
const errorText = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
/** Whether the error carries this RFC 6120 condition. */
const hasCondition = (reply: XmlElement, name: string) => Boolean(reply.getChild('error')?.getChild(name, NS_STANZAS));
const note = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.getChildText('note') ?? '';
/** The result form's values of a field. */
const values = (reply: XmlElement, v: string) =>
  reply
    .getChild('command', NS_COMMANDS)
    ?.getChild('x', 'jabber:x:data')
    ?.getChildren('field')
    .find((f) => f.attrs.var === v)
    ?.getChildren('value')
    .map((x) => x.text()) ?? [];
// Each step asks Prosody, which runs its settings CLI (a Node start): seconds under load, not the default 5.
const WAIT = 30_000;
const apply = (fields: Record<string, string>) => runCommand(admin, ops, C.settingsApply, fields, WAIT);

/** XEP-0363 slot request by the nurse: 'slot', or the error's text and the largest size it names. */
async function slotFor(size: number): Promise<string> {
  const NS_UPLOAD = 'urn:xmpp:http:upload:0';
  const request = xml('request', { xmlns: NS_UPLOAD, filename: 'scan.pdf', size: String(size) });
  const reply = await exchange(nurse, xml('iq', { type: 'get', to: h.prosody.settings.shareHost }, request));
  if (reply.attrs.type === 'result') return 'slot';
  const error = reply.getChild('error');
  const max = error?.getChild('file-too-large', NS_UPLOAD)?.getChildText('max-file-size');
  return `${error?.getChildText('text') ?? ''} (max ${max ?? '?'})`;
}

describe('server settings through the ops component', { timeout: 90_000 }, () => {
  it('shows every editable setting, its value, where it comes from and whether it waits for a restart', async () => {
    const reply = await exchange(
      admin,
      xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node: C.settings, action: 'execute' })),
      WAIT,
    );
    const rows = tableRows(reply);
    expect(rows).toContainEqual(
      expect.objectContaining({
        [F.key]: ['BLEEP_UPLOAD_MAX_BYTES'],
        [F.value]: ['104857600'],
        [F.source]: ['default'],
        [F.restart]: ['false'],
      }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ [F.key]: ['BLEEP_ADMINS'], [F.restart]: ['true'] }));
  });

  it('refuses every insecure or broken edit with the reason, and changes nothing', async () => {
    const before = await config();
    for (const [fields, reason] of [
      [{ BLEEP_FEDERATION: 'true' }, /federation is not allowed/],
      [{ BLEEP_REGISTRATION: 'open' }, /open registration would let anyone/],
      [{ BLEEP_C2S_REQUIRE_TLS: 'false' }, /clients must use TLS: without it passwords/],
      [{ BLEEP_UPLOAD_QUOTA_BYTES: '10' }, /BLEEP_UPLOAD_QUOTA_BYTES: .*could never be uploaded/],
      [{ BLEEP_SIGNIN_TOKEN_DAYS: '365' }, /BLEEP_SIGNIN_TOKEN_DAYS/],
      [{ BLEEP_ADMINS: 'boss@elsewhere.example' }, /BLEEP_ADMINS/],
    ] as const) {
      // A preview is checked the same way (one is enough: each costs a run of the CLI on Prosody's side).
      const nodes = 'BLEEP_FEDERATION' in fields ? [C.settingsPreview, C.settingsApply] : [C.settingsApply];
      for (const node of nodes) {
        const reply = await runCommand(admin, ops, node, fields, WAIT);
        expect(reply.attrs.type, `${node} ${JSON.stringify(fields)}`).toBe('error');
        expect(hasCondition(reply, 'not-acceptable')).toBe(true);
        expect(errorText(reply)).toMatch(/^Refused, nothing was changed\./);
        expect(errorText(reply)).toMatch(reason);
      }
    }
    expect(await config()).toBe(before);
  });

  it('previews an edit as the diff of prosody.cfg.lua without applying it', async () => {
    const before = await config();
    const reply = await runCommand(admin, ops, C.settingsPreview, { BLEEP_ARCHIVE_EXPIRY_DAYS: '30' }, WAIT);
    expect(note(reply)).toBe('Would change: BLEEP_ARCHIVE_EXPIRY_DAYS.');
    expect(values(reply, F.diff)).toContain('+archive_expires_after = "30d"');
    expect(await config()).toBe(before);
  });

  it('applies a smaller upload limit with a reload: the nurse keeps her stream, sees the new limit, and messages flow', async () => {
    const socket = nurse.socket;
    expect(await slotFor(2000)).toBe('slot');
    const reply = await apply({ BLEEP_UPLOAD_MAX_BYTES: '1000' });
    expect(note(reply)).toBe('Applied: BLEEP_UPLOAD_MAX_BYTES. Prosody reloaded; nobody was signed out.');
    expect(values(reply, F.diff)).toContain('+  http_file_share_size_limit = 1000');
    expect(await slotFor(2000)).toBe('File too large (max 1000)');
    expect(await slotFor(500)).toBe('slot');
    expect(nurse.socket).toBe(socket);
    const got = nextStanza(dispatcher, (el) => el.name === 'message' && el.getChildText('body') === 'still here');
    await nurse.send(xml('message', { type: 'chat', to: String(dispatcher.jid) }, xml('body', {}, 'still here')));
    await got;
    const [record] = await h.component.store.audit.list({ limit: 1, target: 'setting:BLEEP_UPLOAD_MAX_BYTES' });
    expect(record).toMatchObject({
      actor: `admin@${h.prosody.settings.domain}`,
      action: C.settingsApply,
      before: { BLEEP_UPLOAD_MAX_BYTES: '' },
      after: { BLEEP_UPLOAD_MAX_BYTES: '1000' },
    });
  });

  it('says which keys take effect only at the next restart', async () => {
    const reply = await apply({ BLEEP_REGISTRATION: 'closed' });
    expect(note(reply)).toMatch(
      /^Applied: BLEEP_REGISTRATION\. .* Takes effect at the next restart: BLEEP_REGISTRATION\.$/,
    );
    expect(values(reply, F.atRestart)).toEqual(['BLEEP_REGISTRATION']);
  });

  it('reports a hand edit and changes nothing; told to keep it, applies around it', async () => {
    const edited = (await config()).replace(
      /(Component "conference\.bleep\.localhost" "muc"\n)/,
      '$1  muc_room_locking = false -- added by an admin\n',
    );
    await writeFile(h.prosody.configPath, edited);
    const refused = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '7' });
    expect(hasCondition(refused, 'conflict')).toBe(true);
    expect(errorText(refused)).toMatch(
      /edited by hand: muc_room_locking \(conference\.bleep\.localhost\)\. Nothing was changed/,
    );
    expect(await config()).toBe(edited);
    const kept = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '7', [F.handEdits]: 'keep' });
    expect(note(kept)).toMatch(/^Applied: BLEEP_UPLOAD_EXPIRY_DAYS\./);
    expect(await config()).toContain('muc_room_locking = false -- added by an admin');
  });

  it('rolls back when prosodyctl check config fails, says why, and Prosody keeps the old limit', async () => {
    // An option Prosody 0.12 calls obsolete, typed in by hand: the checker refuses the file.
    const edited = (await config()).replace(
      'http_default_cors_enabled',
      'cross_domain_websocket = true\nhttp_default_cors_enabled',
    );
    await writeFile(h.prosody.configPath, edited);
    const reply = await apply({ BLEEP_UPLOAD_MAX_BYTES: '3000', [F.handEdits]: 'keep' });
    expect(hasCondition(reply, 'undefined-condition')).toBe(true);
    expect(errorText(reply)).toMatch(
      /^Not applied: prosodyctl check config failed, so the previous settings were put back\. Prosody said: .*cross_domain_websocket/s,
    );
    expect(await config()).toBe(edited);
    expect(await slotFor(2000)).toBe('File too large (max 1000)');
    await writeFile(h.prosody.configPath, edited.replace('cross_domain_websocket = true\n', ''));
  });
});
