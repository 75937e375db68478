// Lost phone (issue #13): a server admin lists the devices an account signed
// in from (account-devices) and signs one out (device-signout): Prosody ends
// that device's sessions and revokes its sign-in tokens
// (prosody/modules/mod_bleep_devices.lua). Kept in the audit record.
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as F } from '@bleep/protocol';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import { ACCOUNT_FORM, DEVICE_FORM, DEVICES_TABLE } from './forms.ts';
import type { ProsodyAccounts } from './prosody.ts';
import { recordChange, targetOf } from './target.ts';

const DEVICE = /^[0-9a-f]{64}$/;

export function devicesCommand(prosody: ProsodyAccounts, domain: string): Command {
  return {
    node: ACCOUNT_COMMANDS.accountDevices,
    name: "An account's devices",
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ACCOUNT_FORM, last: true };
      const target = targetOf(input!, domain, caller, undefined);
      const rows = (await prosody.devices(target.user)).map((d) => ({
        [F.device]: d.id,
        [F.first]: d.first,
        [F.last]: d.last,
        [F.online]: String(d.online),
      }));
      return { kind: 'done', form: DEVICES_TABLE, rows };
    },
  };
}

export function signOutCommand(prosody: ProsodyAccounts, audit: AuditStore, domain: string): Command {
  return {
    node: ACCOUNT_COMMANDS.deviceSignout,
    name: 'Sign a device out',
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: DEVICE_FORM, last: true };
      const target = targetOf(input!, domain, caller, undefined);
      const device = String(input![F.device] ?? '')
        .trim()
        .toLowerCase();
      if (!DEVICE.test(device))
        throw new BleepError('bad-form', "Device: pick one from the list of the account's devices.");
      // Asked first, so that an unknown account and an unknown device are told apart.
      if (!(await prosody.devices(target.user)).some((d) => d.id === device)) throw new BleepError('unknown-device');
      const ended = await prosody.signOut(target.user, device);
      await recordChange(
        audit,
        caller,
        ACCOUNT_COMMANDS.deviceSignout,
        target,
        { [`device ${device.slice(0, 8)}`]: 'signed in' },
        { [`device ${device.slice(0, 8)}`]: 'signed out' },
      );
      return {
        kind: 'done',
        note: `That device of ${target.jid} is signed out (${ended} session${ended === 1 ? '' : 's'} ended); its sign-in tokens no longer work.`,
      };
    },
  };
}
