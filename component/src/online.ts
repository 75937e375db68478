// Who is online towards the component: the full JIDs that sent it directed
// presence (DESIGN.md: that marks a user online), until Prosody passes on
// their unavailable presence (it does when a client disconnects).
import type { Caller } from './xmpp/router.ts';

export class Online {
  private readonly sessions = new Set<string>();

  /** Takes a presence; true when it changed whether the person is online at all. */
  readonly presence = (caller: Caller, type: string | undefined): boolean => {
    const before = this.isOnline(caller.bare);
    if (type === undefined) this.sessions.add(caller.jid);
    else if (type === 'unavailable') this.sessions.delete(caller.jid);
    return before !== this.isOnline(caller.bare);
  };

  isOnline(bare: string): boolean {
    return this.sessionsOf(bare).length > 0;
  }

  /** The full JIDs of one person online towards the component. */
  sessionsOf(bare: string): string[] {
    return [...this.sessions].filter((jid) => jid.split('/')[0]!.toLowerCase() === bare);
  }

  /** Every full JID online towards the component. */
  all(): string[] {
    return [...this.sessions];
  }
}
