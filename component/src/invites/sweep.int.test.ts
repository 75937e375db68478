// Expired invites are deleted from Prosody (mod_bleep_invites' sweep, asked daily by this service) once they expired
// before the cutoff; an invite that expired more recently still says it expired, and pending ones stay.
import { startProsody, testSettings, type RunningProsody } from '@bleep/prosody-config/runner';
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
  prosody = await startProsody({ settings: await testSettings() });
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
  expect(await invites.sweep(new Date(Date.now() - 30 * DAY_MS))).toBe(0);
  await expect(invites.info(expired.token)).rejects.toMatchObject({ key: 'invite-expired' });

  expect(await invites.sweep(new Date())).toBe(1);
  await expect(invites.info(expired.token)).rejects.toMatchObject({ key: 'unknown-invite' });
  expect((await invites.pending()).map((i) => i.token)).toEqual([pending.token]);
  expect((await invites.info(pending.token)).user).toBe('ben');
});
