// Invites wiring (issue #13): server admins invite people (create.ts), see
// and withdraw pending invites (list.ts); the onboarding page reads an invite
// (info.ts); the admin's preset is applied when the account is created
// (apply.ts). Prosody keeps the tokens (prosody.ts, mod_bleep_invites), and
// deletes expired ones (people's contact invites too) and presets never
// applied when this component's daily sweep asks.
import { INVITE_INFO_PATH } from '@bleep/protocol';
import { ProsodyAccounts } from '../accounts/prosody.ts';
import { daily, DAY_MS } from '../scheduler/daily.ts';
import type { Service } from '../service.ts';
import { applyMissed, registeredHandler } from './apply.ts';
import { createCommand } from './create.ts';
import { inviteInfo } from './info.ts';
import { listCommand, revokeCommand } from './list.ts';
import { NS_INVITES, ProsodyInvites } from './prosody.ts';

export const INVITES_SWEEP = 'invites-sweep';

export const invitesService: Service = {
  name: 'invites',
  register({ config, store, commands, router, http, iq, changes, scheduler, log }) {
    const invites = new ProsodyInvites(iq, config.domain);
    // A failure (Prosody away) throws: the scheduler tries again later.
    const sweep = daily(scheduler, INVITES_SWEEP, async () => {
      const swept = await invites.sweep(new Date(Date.now() - config.expiredInviteDays * DAY_MS));
      if (swept.invites + swept.contacts + swept.unapplied) {
        log.info({ ...swept, days: config.expiredInviteDays }, 'expired invites and unapplied presets deleted');
      }
    });
    const links = { publicUrl: config.publicUrl };
    const apply = { directory: store.directory, changes, domain: config.domain };

    commands.add(createCommand(invites, new ProsodyAccounts(iq, config.domain), store.audit, config.domain, links));
    commands.add(listCommand(invites, config.domain, links));
    commands.add(revokeCommand(invites, store.audit, config.domain));
    router.iq('set', NS_INVITES, 'registered', registeredHandler(apply));
    http.post(INVITE_INFO_PATH, inviteInfo(invites, store.directory, config.domain));
    return {
      online: async () => {
        const missed = await applyMissed(invites, apply, log).catch((err: unknown) => {
          log.warn({ err: err instanceof Error ? err.message : String(err) }, 'missed invites not applied');
          return { applied: 0, failed: 0 };
        });
        if (missed.applied + missed.failed) log.info(missed, 'applied the presets of accounts created while away');
        await sweep.online();
      },
    };
  },
};
