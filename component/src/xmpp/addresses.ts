// Local parts under ops.<domain>. Some are kept for Bleep's services
// (protocol: SERVICE_LOCALPARTS, SERVICE_PREFIXES) and belong to whichever
// service registers them; every other local part goes to one fallback (roles).
// A name or prefix has one owner: a second registration throws at start.
import { SERVICE_LOCALPARTS, SERVICE_PREFIXES } from '@bleep/protocol';
import { BleepError, quote } from './errors.ts';

/** An exact local part, a prefix (`req-` for `req-<id>`), or every local part no service keeps. */
export type AddressMatch = string | { readonly prefix: string } | { readonly others: true };

/** True when a local part is kept for a service, so it can never be a role. */
export function isServiceLocalpart(local: string): boolean {
  return (SERVICE_LOCALPARTS as readonly string[]).includes(local) || SERVICE_PREFIXES.some((p) => local.startsWith(p));
}

export class Addresses<H> {
  private readonly exact = new Map<string, H>();
  private readonly prefixes = new Map<string, H>();
  private others: H | undefined;

  add(match: AddressMatch, handler: H): void {
    const taken = (what: string) => new Error(`Two handlers for ${what} under the component: each has one owner.`);
    if (typeof match === 'string') {
      if (this.exact.has(match)) throw taken(`the address "${match}"`);
      this.exact.set(match, handler);
    } else if ('prefix' in match) {
      const clash = [...this.prefixes.keys()].find((p) => p.startsWith(match.prefix) || match.prefix.startsWith(p));
      if (clash !== undefined) throw taken(`the prefix "${match.prefix}" (overlaps "${clash}")`);
      this.prefixes.set(match.prefix, handler);
    } else {
      if (this.others) throw taken('every other address');
      this.others = handler;
    }
  }

  /** The handler for a local part; refuses with item-not-found and says what the address is not. */
  resolve(local: string, address: string): H {
    const exact = this.exact.get(local);
    if (exact) return exact;
    for (const [prefix, h] of this.prefixes) if (local.startsWith(prefix)) return h;
    if (isServiceLocalpart(local))
      throw new BleepError(
        'unknown-address',
        `${quote(address)} is kept for a Bleep service that this server does not run.`,
      );
    if (!this.others) throw new BleepError('unknown-address', `There is nothing at ${quote(address)}.`);
    return this.others;
  }
}
