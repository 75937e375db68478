// The component's side of prosody/modules/mod_bleep_accounts.lua: list,
// disable and enable accounts, asked of the users' host from ops.<domain>
// (the only address the module answers).
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { xml, type Element } from '../xmpp/xml.ts';
import { BleepError } from '../xmpp/errors.ts';

const NS = 'urn:bleep:prosody:accounts:0';
// prosody/modules/mod_bleep_devices.lua
const NS_DEVICES = 'urn:bleep:prosody:devices:0';

export interface ProsodyDevice {
  readonly id: string;
  readonly first: string;
  readonly last: string;
  readonly online: number;
}

export interface ProsodyAccount {
  readonly user: string;
  readonly disabled: boolean;
}

export interface AccountSwitch {
  /** Whether the account was disabled before. */
  readonly was: boolean;
  /** Sessions ended (disable only). */
  readonly ended: number;
}

export class ProsodyAccounts {
  private readonly iq: IqCaller;
  private readonly domain: string;

  constructor(iq: IqCaller, domain: string) {
    this.iq = iq;
    this.domain = domain;
  }

  async list(): Promise<ProsodyAccount[]> {
    const reply = await this.ask('get', xml('accounts', { xmlns: NS }));
    return (reply.getChild('accounts', NS)?.getChildren('account') ?? []).map((a) => ({
      user: a.attrs.user ?? '',
      disabled: a.attrs.disabled === 'true',
    }));
  }

  /** Disables the account: Prosody ends every session and deletes its sign-in tokens. */
  async disable(user: string): Promise<AccountSwitch> {
    const el = (await this.ask('set', xml('disable', { xmlns: NS, user }))).getChild('disabled', NS);
    return { was: el?.attrs.was === 'true', ended: Number(el?.attrs.ended ?? 0) };
  }

  async enable(user: string): Promise<AccountSwitch> {
    const el = (await this.ask('set', xml('enable', { xmlns: NS, user }))).getChild('enabled', NS);
    return { was: el?.attrs.was === 'true', ended: 0 };
  }

  /** The devices the account signed in from (SASL2 user-agent ids), latest sign-in first. */
  async devices(user: string): Promise<ProsodyDevice[]> {
    const reply = await this.ask('get', xml('devices', { xmlns: NS_DEVICES, user }));
    return (reply.getChild('devices', NS_DEVICES)?.getChildren('device') ?? [])
      .map((d) => ({
        id: d.attrs.id ?? '',
        first: d.attrs.first ?? '',
        last: d.attrs.last ?? '',
        online: Number(d.attrs.online ?? 0),
      }))
      .sort((a, b) => b.last.localeCompare(a.last));
  }

  /** Ends the device's sessions and deletes its sign-in tokens; how many sessions ended. */
  async signOut(user: string, device: string): Promise<number> {
    const reply = await this.ask('set', xml('signout', { xmlns: NS_DEVICES, user, device }));
    return Number(reply.getChild('signed-out', NS_DEVICES)?.attrs.ended ?? 0);
  }

  /** Deletes every expired sign-in (FAST) token of the server; how many. */
  async sweepTokens(): Promise<number> {
    const reply = await this.ask('set', xml('sweep-tokens', { xmlns: NS }));
    return Number(reply.getChild('swept', NS)?.attrs.count ?? 0);
  }

  private async ask(type: 'get' | 'set', payload: Element): Promise<Element> {
    try {
      return await this.iq.request(xml('iq', { type, to: this.domain }, payload));
    } catch (err) {
      if (err instanceof Error && err.message === 'item-not-found') throw new BleepError('unknown-account');
      throw err;
    }
  }
}
