// The component's side of prosody/modules/mod_bleep_invites.lua: invites
// with a preset, asked of the users' host from ops.<domain> (the only address
// the module answers). XML becomes typed values here.
import { PASSWORD_MIN } from '@bleep/protocol';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { xml, type Element } from '../xmpp/xml.ts';
import { BleepError } from '../xmpp/errors.ts';

export const NS_INVITES = 'urn:bleep:prosody:invites:0';

/** What the admin chose for the new person; `inviter` is the admin's bare JID. */
export interface Preset {
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly inviter: string;
}

export interface PendingInvite {
  readonly token: string;
  /** The local part of the account it creates ('' for an invite made outside Bleep). */
  readonly user: string;
  /** XEP-0082. */
  readonly expires: string;
  readonly preset?: Preset;
}

export interface Registered {
  readonly user: string;
  readonly token: string;
  readonly preset?: Preset;
}

/** How many of each the sweep deleted. */
export interface Swept {
  readonly invites: number;
  /** A person's invites to become their contact (XEP-0401), sent from their own client. */
  readonly contacts: number;
  /** Presets of accounts the component never confirmed. */
  readonly unapplied: number;
}

export function parsePreset(el: Element | undefined): Preset | undefined {
  if (!el) return undefined;
  return {
    name: el.attrs.name ?? '',
    roles: el.getChildren('role').map((r) => r.text()),
    department: el.attrs.department ?? '',
    inviter: el.attrs.inviter ?? '',
  };
}

const presetElement = (p: Preset) =>
  xml(
    'preset',
    { name: p.name, department: p.department, inviter: p.inviter },
    ...p.roles.map((r) => xml('role', {}, r)),
  );

function parseInvite(el: Element): PendingInvite {
  const preset = parsePreset(el.getChild('preset'));
  return {
    token: el.attrs.token ?? '',
    user: el.attrs.user ?? '',
    expires: el.attrs.expires ?? '',
    ...(preset ? { preset } : {}),
  };
}

export class ProsodyInvites {
  private readonly iq: IqCaller;
  private readonly domain: string;

  constructor(iq: IqCaller, domain: string) {
    this.iq = iq;
    this.domain = domain;
  }

  async create(user: string, ttlSeconds: number, preset: Preset): Promise<PendingInvite> {
    const reply = await this.ask(
      'set',
      xml(
        'create',
        { xmlns: NS_INVITES, user, ttl: String(ttlSeconds), 'password-min': String(PASSWORD_MIN) },
        presetElement(preset),
      ),
    );
    return parseInvite(reply.getChild('invite', NS_INVITES)!);
  }

  async pending(): Promise<PendingInvite[]> {
    const reply = await this.ask('get', xml('invites', { xmlns: NS_INVITES }));
    return (reply.getChild('invites', NS_INVITES)?.getChildren('invite') ?? []).map(parseInvite);
  }

  /** The invite behind a link; refuses a used, withdrawn or expired one saying which. */
  async info(token: string): Promise<PendingInvite> {
    const reply = await this.ask('get', xml('info', { xmlns: NS_INVITES, token }));
    return parseInvite(reply.getChild('invite', NS_INVITES)!);
  }

  /** Deletes account and contact invites that expired before `before`, and presets never confirmed since then. */
  async sweep(before: Date): Promise<Swept> {
    const reply = await this.ask('set', xml('sweep', { xmlns: NS_INVITES, 'expired-before': before.toISOString() }));
    const n = (name: string) => Number(reply.getChild('swept', NS_INVITES)?.attrs[name] ?? 0);
    return { invites: n('count'), contacts: n('contacts'), unapplied: n('unapplied') };
  }

  async revoke(token: string): Promise<void> {
    await this.ask('set', xml('revoke', { xmlns: NS_INVITES, token }));
  }

  /** Accounts created by invite whose preset the component has not confirmed (it was away). */
  async unapplied(): Promise<Registered[]> {
    const reply = await this.ask('get', xml('unapplied', { xmlns: NS_INVITES }));
    return (reply.getChild('unapplied', NS_INVITES)?.getChildren('registered') ?? []).map(parseRegistered);
  }

  async applied(user: string): Promise<void> {
    await this.ask('set', xml('applied', { xmlns: NS_INVITES, user }));
  }

  private async ask(type: 'get' | 'set', payload: Element): Promise<Element> {
    try {
      return await this.iq.request(xml('iq', { type, to: this.domain }, payload));
    } catch (err) {
      const condition = err instanceof Error ? err.message : '';
      if (condition === 'gone') throw new BleepError('invite-expired');
      if (condition === 'item-not-found') throw new BleepError('unknown-invite');
      throw err;
    }
  }
}

export function parseRegistered(el: Element): Registered {
  const preset = parsePreset(el.getChild('preset'));
  return { user: el.attrs.user ?? '', token: el.attrs.token ?? '', ...(preset ? { preset } : {}) };
}
