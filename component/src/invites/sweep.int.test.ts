// Expired invites are deleted from Prosody (mod_bleep_invites' sweep, asked daily by this service) once they expired
// before the cutoff; an invite that expired more recently still says it expired, and pending ones stay. The same
// goes for a person's contact invites and for presets the component never confirmed.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { prosodyShell } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startComponent, type RunningComponent } from '../index.ts';
import { createLogger } from '../log.ts';
import { DAY_MS } from '../scheduler/daily.ts';
import type { Service } from '../service.ts';
import { ProsodyInvites } from './prosody.ts';

let prosody: RunningProsody;
let component: RunningComponent | undefined;
let invites: ProsodyInvites;
// The component's own link to Prosody's invites (the address mod_bleep_invites answers).
const link: Service = {
  name: 'test-invites-link',
  register: ({ iq, config }) => void (invites = new ProsodyInvites(iq, config.domain)),
};
beforeAll(async () => {
  prosody = await startTestProsody();
  component = await startComponent({ settings: prosody.settings, logger: createLogger('silent'), services: [link] });
});
afterAll(async () => {
  await component?.stop();
  await prosody?.stop();
});

const preset = { name: 'New Nurse', roles: ['nurse'], department: 'ED', inviter: 'admin@bleep.localhost' };

it('deletes invites that expired before the cutoff; recently expired ones still say so, pending ones stay', async () => {
  const expired = await invites.create('ann', 1, preset);
  const pending = await invites.create('ben', 3600, preset);
  await new Promise((r) => setTimeout(r, 2100));

  // The daily sweep's cutoff (BLEEP_EXPIRED_INVITE_DAYS ago) spares an invite that expired a second ago.
  expect((await invites.sweep(new Date(Date.now() - 30 * DAY_MS))).invites).toBe(0);
  await expect(invites.info(expired.token)).rejects.toMatchObject({ key: 'invite-expired' });

  expect((await invites.sweep(new Date())).invites).toBe(1);
  await expect(invites.info(expired.token)).rejects.toMatchObject({ key: 'unknown-invite' });
  expect((await invites.pending()).map((i) => i.token)).toEqual([pending.token]);
  expect((await invites.info(pending.token)).user).toBe('ben');
});

// Lua run inside Prosody on the users' host, for rows only a client or an old date can make.
const lua = (code: string) =>
  prosodyShell(
    prosody.configPath,
    `>local host = ${JSON.stringify(prosody.settings.domain)}; local sm = require"core.storagemanager"; ${code}`,
  );
// The shell prints more than the value: a value is read between brackets.
const value = async (code: string) => (await lua(`return "[" .. (${code}) .. "]"`)).match(/\[([^\]]*)\]/)![1]!;
const listed = (store: string, user: string) =>
  value(
    `(function () local t = {}; for k in pairs(sm.open(host, "${store}"):get(${user}) or {}) do t[#t+1] = k end; table.sort(t); return table.concat(t, ",") end)()`,
  );

it('deletes contact invites and unconfirmed presets older than the retention; recent ones stay', async () => {
  // mod_invites_adhoc's "new contact invite": mod_invites' create_contact, with the expiry in the past for two.
  const contact = (ttl: number) =>
    value(`require"core.modulemanager".get_module(host, "invites").create_contact("carol", false, nil, ${ttl}).token`);
  const old = await contact(-40 * 86400);
  const recent = await contact(-60);
  const open = await contact(3600);
  expect((await listed('invite_token', '"carol"')).split(',').sort()).toEqual([old, recent, open].sort());
  // Presets Prosody kept for accounts the component never confirmed: one from 40 days ago, one from today, one
  // kept before presets were dated.
  const day = 86400;
  await lua(
    `local u = sm.open(host, "bleep_invited", "map"); local p = { name = "N", roles = {}, department = "ED", inviter = "" }; ` +
      `u:set(nil, "dora", { token = "t1", preset = p, at = os.time() - 40 * ${day} }); ` +
      `u:set(nil, "eve", { token = "t2", preset = p, at = os.time() - 60 }); ` +
      `u:set(nil, "finn", { token = "t3", preset = p })`,
  );

  expect(await invites.sweep(new Date(Date.now() - 30 * DAY_MS))).toEqual({ invites: 0, contacts: 1, unapplied: 1 });
  expect((await listed('invite_token', '"carol"')).split(',').sort()).toEqual([recent, open].sort());
  expect(await listed('bleep_invited', 'nil')).toBe('eve,finn');
  // The undated one now has today's date: a cutoff of an hour ago spares it, as it does the recent one.
  expect((await invites.sweep(new Date(Date.now() - 3600_000))).unapplied).toBe(0);
  expect(await listed('bleep_invited', 'nil')).toBe('eve,finn');
});
