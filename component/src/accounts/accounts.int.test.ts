// Issue #13 on a real Prosody: a server admin disables an account and the
// person is signed out everywhere at once (every session, a resumable one
// too) and cannot sign in again, neither with the password nor with a
// device's sign-in token; enabled again, they sign in. Each is in the audit
// record. Prosody's module answers the component alone. A new password set by
// an admin (a stolen phone) signs the person out everywhere too: sessions
// ended, the old sign-in tokens refused. An account deleted (XEP-0133) is
// signed out and gone, and leaves the directory and their department room; a new password replaces the old one, and is never
// written to the log or the audit.
import {
  ACCOUNT_COMMANDS,
  ACCOUNT_FIELDS as A,
  COMMANDS,
  DIRECTORY_FIELDS as F,
  NS_COMMANDS,
  NS_STANZAS,
} from '@bleep/protocol';
import { departmentRoom } from '../rooms/room-name.ts';
import { signInDevice, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exchange, memoryLog, runCommand, STAFF, startHarness, tableRows, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let admin: Client;
const opened: Client[] = [];
const nurse = STAFF.find((p) => p.user === 'nurse')!;
const newcomer = STAFF.find((p) => p.user === 'newcomer')!;
const leaver = {
  user: 'leaver',
  password: 'leaver-password-1',
  name: 'Lee Vance',
  roles: ['nurse'],
  department: 'Emergency',
};
// Their phone is stolen: an admin sets them a new password.
const robbed = { ...leaver, user: 'robbed', password: 'robbed-password-1', name: 'Rob Bedford' };
const log = memoryLog('debug');

beforeAll(async () => {
  h = await startHarness({ logger: log.logger, staff: [leaver, robbed] });
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.stop().catch(() => {})));
});
afterAll(() => h?.stop());

const note = (reply: XmlElement) => reply.getChild('command', NS_COMMANDS)?.getChildText('note') ?? '';
const errorText = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
/** A one-step command: its result. */
const execute = (node: string) =>
  exchange(admin, xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })));
const run = (node: string, jid: string) => runCommand(admin, ops, node, { [A.jid]: jid });
/** The members of a room (XEP-0045 §9.5), as the server admin (an owner of every room) reads them. */
const members = async (room: string) =>
  (
    await exchange(
      admin,
      xml(
        'iq',
        { type: 'get', to: room },
        xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { affiliation: 'member' })),
      ),
    )
  )
    .getChild('query')
    ?.getChildren('item')
    .map((i) => i.attrs.jid) ?? [];
/** Signs the nurse in as one device (password, or the device's token); resolves with its client and tokens. */
const signIn = (device: string, token?: Parameters<typeof signInDevice>[3]) =>
  signInDevice(h.prosody.settings, token ? { ...nurse, password: 'not-the-password' } : nurse, device, token, opened);
/** Resolves when the server ends this client's stream, with the stream error's text. */
const ended = (c: Client) =>
  new Promise<string>((resolve) =>
    c.on('error', ((err: Error & { element?: XmlElement }) =>
      resolve(err.element?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-streams') ?? err.message)) as never),
  );

describe('disabling an account', () => {
  it(
    'signs the person out everywhere, refuses their password and tokens, and enabling lets them in again',
    { timeout: 60_000 },
    async () => {
      const phone = await signIn('ward-phone');
      const token = phone.tokens[0]!;
      expect(token, 'the server issued the phone a sign-in token').toBeDefined();
      const tablet = await signIn('ward-tablet');
      const endings = [ended(phone.client), ended(tablet.client)];

      const disabled = await run(ACCOUNT_COMMANDS.accountDisable, `nurse@${domain}`);
      expect(disabled.attrs.type).toBe('result');
      expect(note(disabled)).toBe(
        `nurse@${domain} is disabled: signed out everywhere (2 sessions ended) and cannot sign in until an admin enables the account.`,
      );
      for (const text of await Promise.all(endings)) expect(text).toMatch(/This account is disabled/);

      await expect(signIn('ward-phone', token)).rejects.toThrow();
      await expect(signIn('new-laptop')).rejects.toThrow(/This account is disabled/);

      const listed = tableRows(await execute(ACCOUNT_COMMANDS.accounts));
      expect(listed).toContainEqual({ [A.jid]: [`nurse@${domain}`], [A.disabled]: ['true'] });
      expect(listed).toContainEqual({ [A.jid]: [`dispatcher@${domain}`], [A.disabled]: ['false'] });

      const enabled = await run(ACCOUNT_COMMANDS.accountEnable, `nurse@${domain}`);
      expect(note(enabled)).toBe(`nurse@${domain} is enabled: they can sign in again.`);
      await signIn('new-laptop');
      // The token of before stays revoked: disabling deleted it.
      await expect(signIn('ward-phone', token)).rejects.toThrow();

      const audit = tableRows(await execute(COMMANDS.directoryAudit));
      expect(audit.slice(0, 2)).toMatchObject([
        { actor: [`admin@${domain}`], target: [`nurse@${domain}`], change: ['disabled: true → false'] },
        { actor: [`admin@${domain}`], target: [`nurse@${domain}`], change: ['disabled: false → true'] },
      ]);
    },
  );

  it("refuses an account that does not exist, one of another server, and the admin's own, saying why", async () => {
    expect(errorText(await run(ACCOUNT_COMMANDS.accountDisable, `nobody@${domain}`))).toMatch(/no such account/);
    expect(errorText(await run(ACCOUNT_COMMANDS.accountDisable, 'nurse@elsewhere.example'))).toMatch(
      /not an account of this hospital/,
    );
    expect(errorText(await run(ACCOUNT_COMMANDS.accountDisable, `admin@${domain}`))).toMatch(
      /cannot disable your own account/,
    );
  });

  it('is answered by Prosody to the component alone: staff asking it directly are refused', async () => {
    const dispatcher = await h.login('dispatcher');
    const reply = await exchange(
      dispatcher,
      xml('iq', { type: 'set', to: domain }, xml('disable', { xmlns: 'urn:bleep:prosody:accounts:0', user: 'nurse' })),
    );
    expect(reply.getChild('error')?.getChild('forbidden', NS_STANZAS)).toBeDefined();
    const listed = tableRows(await execute(ACCOUNT_COMMANDS.accounts));
    expect(listed).toContainEqual({ [A.jid]: [`nurse@${domain}`], [A.disabled]: ['false'] });
  });
});

describe('a new password set by an admin (a stolen phone, a leaked password)', () => {
  it('signs the person out everywhere at once: sessions ended, the old sign-in tokens refused; the new password signs in', async () => {
    const fresh = 'after-the-Theft-7';
    const setPassword = (password: string) =>
      runCommand(admin, ops, ACCOUNT_COMMANDS.accountPassword, { [A.jid]: `robbed@${domain}`, [A.password]: password });
    // The password of before, should a retry follow a first try that changed it.
    await setPassword(robbed.password);
    const phone = await signInDevice(h.prosody.settings, robbed, 'stolen-phone', undefined, opened);
    const token = phone.tokens[0]!;
    expect(token, 'the server issued the phone a sign-in token').toBeDefined();
    const gone = ended(phone.client);

    expect(note(await setPassword(fresh))).toBe(
      `robbed@${domain} has a new password: signed out everywhere, and the sign-in tokens of before no longer work. Give it to them in person.`,
    );
    expect(await gone).toMatch(/An admin set a new password for this account/);
    const thief = { ...robbed, password: 'not-the-password' };
    await expect(signInDevice(h.prosody.settings, thief, 'stolen-phone', token, opened)).rejects.toThrow(
      /not-authorized/,
    );
    await expect(signInDevice(h.prosody.settings, robbed, 'stolen-phone', undefined, opened)).rejects.toThrow(
      /not-authorized/,
    );
    await signInDevice(h.prosody.settings, { ...robbed, password: fresh }, 'new-phone', undefined, opened);
  });
});

describe('deleting an account and setting a new password (XEP-0133)', () => {
  it('deletes an account: the person is signed out, cannot sign in, and is no longer listed, in the directory or their room', async () => {
    const room = departmentRoom(leaver.department, h.prosody.settings.mucHost);
    expect(await members(room)).toContain(`leaver@${domain}`);
    const signedIn = await signInDevice(h.prosody.settings, leaver, 'leaver-phone', undefined, opened);
    const gone = ended(signedIn.client);
    const reply = await run(ACCOUNT_COMMANDS.accountDelete, `leaver@${domain}`);
    expect(note(reply)).toBe(
      `leaver@${domain} is deleted: signed out, and its account and data are gone from the server.`,
    );
    expect(await gone).toMatch(/Account deleted/);
    await expect(signInDevice(h.prosody.settings, leaver, 'leaver-laptop', undefined, opened)).rejects.toThrow(
      /not-authorized/,
    );
    const listed = tableRows(await execute(ACCOUNT_COMMANDS.accounts)).map((r) => r[A.jid]![0]);
    expect(listed).not.toContain(`leaver@${domain}`);
    expect(listed).toContain(`nurse@${domain}`);
    // Colleagues no longer find them, and their department room no longer has them as a member.
    const staff = tableRows(await runCommand(admin, ops, COMMANDS.directory, {})).map((r) => r[F.jid]![0]);
    expect(staff).not.toContain(`leaver@${domain}`);
    expect(staff).toContain(`robbed@${domain}`);
    await expect.poll(() => members(room), { timeout: 10_000 }).not.toContain(`leaver@${domain}`);
    expect(await members(room)).toContain(`robbed@${domain}`);
    // Again: there is no such account any more.
    expect(errorText(await run(ACCOUNT_COMMANDS.accountDelete, `leaver@${domain}`))).toMatch(/no such account/);
    const [last] = tableRows(await execute(COMMANDS.directoryAudit));
    expect(last).toMatchObject({
      actor: [`admin@${domain}`],
      target: [`leaver@${domain}`],
      change: ['account: exists → deleted'],
    });
  });

  it('sets a new password: the old one is refused, the new one signs in, and neither is logged or audited', async () => {
    const fresh = 'a-new-Password-42';
    const set = (password: string) =>
      runCommand(admin, ops, ACCOUNT_COMMANDS.accountPassword, {
        [A.jid]: `newcomer@${domain}`,
        [A.password]: password,
      });
    expect(errorText(await set('short'))).toMatch(/at least 10 characters/);
    expect(note(await set(fresh))).toBe(
      `newcomer@${domain} has a new password: signed out everywhere, and the sign-in tokens of before no longer work. Give it to them in person.`,
    );
    await expect(signInDevice(h.prosody.settings, newcomer, 'old-password', undefined, opened)).rejects.toThrow(
      /not-authorized/,
    );
    await signInDevice(h.prosody.settings, { ...newcomer, password: fresh }, 'new-password', undefined, opened);
    const [last] = tableRows(await execute(COMMANDS.directoryAudit));
    expect(last).toMatchObject({
      target: [`newcomer@${domain}`],
      change: ['password: previous → new, set by an admin'],
    });
    expect(log.lines().filter((l) => l.includes(fresh))).toEqual([]);
    expect(
      errorText(
        await runCommand(admin, ops, ACCOUNT_COMMANDS.accountPassword, {
          [A.jid]: `nobody@${domain}`,
          [A.password]: fresh,
        }),
      ),
    ).toMatch(/no such account/);
  });
});
