// Who is online towards the component: the full JIDs that sent it directed
// presence (DESIGN.md: that marks a user online), until Prosody passes on
// their unavailable presence (it does when a client disconnects). An
// unavailable presence from a bare JID (Prosody's answer to the component's
// probe when no session of that person told it anything, directory/probe.ts)
// ends all of that person's sessions.
import type { Caller } from './xmpp/router.ts';

export class Online {
  private readonly sessions = new Set<string>();

  /** Takes a presence; true when it changed whether the person is online at all. */
  readonly presence = (caller: Caller, type: string | undefined): boolean => {
    const before = this.isOnline(caller.bare);
    if (type === undefined) this.sessions.add(caller.jid);
    else if (type === 'unavailable' && caller.jid.includes('/')) this.sessions.delete(caller.jid);
    else if (type === 'unavailable') for (const jid of this.sessionsOf(caller.bare)) this.sessions.delete(jid);
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
