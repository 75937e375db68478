// Issue #13 on a real Prosody: a server admin invites people (one link each,
// with an expiry and a preset); the new person registers in-band with the
// token and their account has the admin's name, roles and department at
// once; a used, withdrawn or expired link is refused saying so, and a link
// registers only the account it names. A non-admin is refused, saying who
// may. A person who registers while the component is away gets their preset
// when it is back. Every step is in the audit record.
import {
  COMMANDS,
  INVITE_COMMANDS,
  INVITE_FIELDS as I,
  INVITE_INFO_PATH,
  NS_COMMANDS,
  NS_DATA,
  NS_STANZAS,
} from '@bleep/protocol';
import {
  login,
  prosodyShell,
  registerWithInvite,
  type Client,
  type XmlElement,
} from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, tableRows, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let admin: Client;
const PASSWORD = 'a-new-password-1';

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const note = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.getChildText('note') ?? '';
const errorText = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
const invite = (fields: Record<string, string | string[]>, by = admin) =>
  runCommand(by, ops, INVITE_COMMANDS.inviteCreate, fields);
/** A one-step command's result. */
const execute = (node: string, c = admin) =>
  exchange(c, xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })));
const pending = async () => tableRows(await execute(INVITE_COMMANDS.invites));
/** Who the component says the person is (whoami's result form), each field's values by var. */
const whoami = async (c: Client) =>
  Object.fromEntries(
    (await execute(COMMANDS.whoami, c))
      .getChild('command', NS_COMMANDS)!
      .getChild('x', NS_DATA)!
      .getChildren('field')
      .map((f) => [f.attrs.var, f.getChildren('value').map((v) => v.text())]),
  );
const info = async (token: string) => {
  const res = await fetch(`http://127.0.0.1:${h.prosody.settings.ports.opsHttp}${INVITE_INFO_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const userOf = (row: Record<string, string[]>) => row[I.jid]![0]!.split('@')[0]!;
const tokenOf = (row: Record<string, string[]>) => row[I.token]![0]!;

describe('invites', () => {
  it(
    'an admin invites a doctor, who registers with the link and signs in with the name, role and department applied',
    { timeout: 60_000 },
    async () => {
      const made = await invite({
        [I.names]: ['Dr Amara Okafor'],
        [I.roles]: ['doctor'],
        [I.department]: 'Cardiology',
        [I.days]: '3',
      });
      expect(made.attrs.type).toBe('result');
      expect(note(made)).toBe('1 invite made, valid for 3 days. Give each person their own link.');
      const [row] = tableRows(made);
      expect(row).toMatchObject({
        [I.name]: ['Dr Amara Okafor'],
        [I.jid]: [`amara.okafor@${domain}`],
        [I.roles]: ['doctor'],
      });
      const token = tokenOf(row!);
      expect(row![I.link]![0]).toBe(`${h.prosody.settings.publicUrl}/invite/${token}`);
      const days = (Date.parse(row![I.expires]![0]!) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(2.9);
      expect(days).toBeLessThanOrEqual(3);
      expect((await pending()).map(tokenOf)).toContain(token);

      // The onboarding page's question, before anyone signs in.
      const asked = await info(token);
      expect(asked.status).toBe(200);
      expect(asked.body.invite).toMatchObject({
        jid: `amara.okafor@${domain}`,
        name: 'Dr Amara Okafor',
        inviter: 'Alex Morgan',
      });

      expect(await registerWithInvite(h.prosody.settings, token, 'amara.okafor', PASSWORD)).toBeUndefined();
      const amara = await login(h.prosody.settings, { user: 'amara.okafor', password: PASSWORD });
      try {
        await expect
          .poll(() => whoami(amara))
          .toMatchObject({ name: ['Dr Amara Okafor'], roles: ['doctor'], department: ['Cardiology'] });
      } finally {
        await amara.stop();
      }

      // Used: gone from the pending list, refused as a link and for registering again.
      expect((await pending()).map(tokenOf)).not.toContain(token);
      expect((await info(token)).body).toMatchObject({
        ok: false,
        error: 'unknown-invite',
        text: expect.stringMatching(/no longer valid.*Ask the admin/),
      });
      expect(await registerWithInvite(h.prosody.settings, token, 'amara.okafor2', PASSWORD)).toMatch(
        /invalid or expired/,
      );

      const audit = tableRows(await execute(COMMANDS.directoryAudit)).filter(
        (r) => r.target?.[0] === `amara.okafor@${domain}`,
      );
      expect(audit).toMatchObject([
        { actor: [`admin@${domain}`], change: ['created: Dr Amara Okafor (doctor, Cardiology)'] },
        { actor: [`admin@${domain}`], change: [expect.stringMatching(/^invite: none → valid until /)] },
      ]);
    },
  );

  it('invites several people at once, each with their own link, and registers only the account a link names', async () => {
    const made = tableRows(await invite({ [I.names]: ['Sam Lee', 'Sam Lee', 'Kim Park'], [I.roles]: ['nurse'] }));
    expect(made.map((r) => r[I.jid]![0])).toEqual([`sam.lee@${domain}`, `sam.lee2@${domain}`, `kim.park@${domain}`]);
    expect(new Set(made.map(tokenOf)).size).toBe(3);
    // The password rule holds for any client, not only the app.
    expect(await registerWithInvite(h.prosody.settings, tokenOf(made[0]!), 'sam.lee', 'short-pw')).toBe(
      'Choose a password of at least 10 characters.',
    );
    expect(await registerWithInvite(h.prosody.settings, tokenOf(made[0]!), 'kim.park', PASSWORD)).toMatch(
      /This invite is for the account sam\.lee; register that name/,
    );
  });

  it('refuses an expired link and a withdrawn one, saying to ask for a new one', { timeout: 30_000 }, async () => {
    const [old, withdrawn] = tableRows(await invite({ [I.names]: ['Old Link', 'Withdrawn Link'] }));
    // A week later, made here by ageing the stored invite (mod_invites keeps `expires` in seconds).
    const t = tokenOf(old!);
    await prosodyShell(
      h.prosody.configPath,
      `>local s = require "core.storagemanager".open("${domain}", "invite_token", "map"); local i = s:get(nil, "${t}"); i.expires = os.time() - 1; s:set(nil, "${t}", i)`,
    );
    expect((await info(t)).body).toMatchObject({ error: 'invite-expired', text: expect.stringMatching(/has expired/) });
    expect(await registerWithInvite(h.prosody.settings, t, userOf(old!), PASSWORD)).toMatch(/invalid or expired/);

    const w = tokenOf(withdrawn!);
    const revoked = await runCommand(admin, ops, INVITE_COMMANDS.inviteRevoke, { [I.token]: w });
    expect(note(revoked)).toBe('The invite for Withdrawn Link is withdrawn: its link no longer works.');
    expect((await pending()).map(tokenOf)).not.toContain(w);
    expect(await registerWithInvite(h.prosody.settings, w, userOf(withdrawn!), PASSWORD)).toMatch(/invalid or expired/);
    expect(errorText(await runCommand(admin, ops, INVITE_COMMANDS.inviteRevoke, { [I.token]: w }))).toMatch(
      /no such pending invite/,
    );
  });

  it('refuses bad input saying what to change', async () => {
    expect(errorText(await invite({ [I.names]: ['Al Bad'], [I.days]: '90' }))).toBe(
      'Valid for: a whole number of days from 1 to 30.',
    );
    expect(errorText(await invite({ [I.names]: ['Al Bad'], [I.roles]: ['Chief Doctor'] }))).toMatch(
      /Roles: .*lower-case/,
    );
  });

  it('is refused to anyone but a server admin, saying who may', async () => {
    const nurse = await h.login('nurse');
    const error = (await invite({ [I.names]: ['Mal Lory'] }, nurse)).getChild('error')!;
    expect(error.getChild('forbidden', NS_STANZAS)).toBeDefined();
    expect(error.getChildText('text', NS_STANZAS)).toMatch(/^Only the server's admins may run "/);
    // Nor can staff ask Prosody's module directly, or play Prosody towards the component.
    const direct = await exchange(
      nurse,
      xml('iq', { type: 'get', to: domain }, xml('invites', { xmlns: 'urn:bleep:prosody:invites:0' })),
    );
    expect(direct.getChild('error')?.getChild('forbidden', NS_STANZAS)).toBeDefined();
    const forged = await exchange(
      nurse,
      xml(
        'iq',
        { type: 'set', to: ops },
        xml(
          'registered',
          { xmlns: 'urn:bleep:prosody:invites:0', user: 'nurse' },
          xml('preset', { name: 'Boss', inviter: `admin@${domain}` }, xml('role', {}, 'admin')),
        ),
      ),
    );
    expect(forged.attrs.type).toBe('error');
  });

  it('applies the preset of someone who registered while the component was away', { timeout: 60_000 }, async () => {
    const [row] = tableRows(
      await invite({ [I.names]: ['Nia Away'], [I.roles]: ['dispatcher'], [I.department]: 'Dispatch' }),
    );
    await h.restartComponent(async () => {
      expect(await registerWithInvite(h.prosody.settings, tokenOf(row!), 'nia.away', PASSWORD)).toBeUndefined();
    });
    const nia = await login(h.prosody.settings, { user: 'nia.away', password: PASSWORD });
    try {
      await expect
        .poll(() => whoami(nia), { timeout: 10_000 })
        .toMatchObject({ name: ['Nia Away'], roles: ['dispatcher'], department: ['Dispatch'] });
    } finally {
      await nia.stop();
    }
  });
});
