// The accounts command's table (protocol ACCOUNT_FIELDS) → which accounts are
// disabled, by bare JID; the devices of one; the invites (INVITE_FIELDS).
// A bad answer is an Error value, never a throw.
import { ACCOUNT_FIELDS as A, FORM_ACCOUNTS, FORM_DEVICES, FORM_INVITES, INVITE_FIELDS as I } from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

/** Every account on the server: its bare JID → whether it is disabled. */
export function parseAccounts(step: CommandStep): Map<string, boolean> | Error {
  if (!step.x || step.form?.formType !== FORM_ACCOUNTS) return new Error('The server did not list the accounts.');
  return new Map(
    parseTable(step.x)
      .map((f) => [f[A.jid]?.[0] ?? '', ['true', '1'].includes(f[A.disabled]?.[0] ?? '')] as const)
      .filter(([jid]) => jid),
  );
}

export interface Device {
  /** Its id on the server (sha256 of its sign-in id), for signing it out. */
  readonly id: string;
  /** XEP-0082 times of its first and last sign-in. */
  readonly first: string;
  readonly last: string;
  /** Its sessions now. */
  readonly online: number;
}

/** The devices an account signed in from, latest first (account-devices). */
export function parseDevices(step: CommandStep): Device[] | Error {
  if (!step.x || step.form?.formType !== FORM_DEVICES) return new Error('The server did not list the devices.');
  return parseTable(step.x)
    .map((f) => ({
      id: f[A.device]?.[0] ?? '',
      first: f[A.first]?.[0] ?? '',
      last: f[A.last]?.[0] ?? '',
      online: Number(f[A.online]?.[0] ?? 0) || 0,
    }))
    .filter((d) => d.id);
}

export interface Invite {
  readonly token: string;
  readonly name: string;
  readonly jid: string;
  readonly roles: readonly string[];
  readonly department: string;
  /** XEP-0082. */
  readonly expires: string;
  /** The onboarding page's address, whole (a relative link made whole on this origin). */
  readonly link: string;
}

/** The invites made or pending (invite-create, invites); each with the link to give the person. */
export function parseInvites(step: CommandStep, origin: string): Invite[] | Error {
  if (!step.x || step.form?.formType !== FORM_INVITES) return new Error('The server did not list the invites.');
  return parseTable(step.x)
    .map((f) => ({
      token: f[I.token]?.[0] ?? '',
      name: f[I.name]?.[0] ?? '',
      jid: f[I.jid]?.[0] ?? '',
      roles: f[I.roles] ?? [],
      department: f[I.department]?.[0] ?? '',
      expires: f[I.expires]?.[0] ?? '',
      link: new URL(f[I.link]?.[0] ?? '', origin).href,
    }))
    .filter((i) => i.token);
}
