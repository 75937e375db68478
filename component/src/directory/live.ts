// Live directory updates. A client that sends directed presence to the
// component (DESIGN.md: that marks it online) gets every changed entry as
// <message type="headline"><entry xmlns="urn:bleep:directory:0"/></message>
// until Prosody tells the component it went unavailable. The same presence
// says who is online: a person's entry goes out again when their first
// session comes or their last one goes.
import { NS_DIRECTORY, type DirectoryEntry, type DirectoryListing } from '@bleep/protocol';
import type { Caller } from '../xmpp/router.ts';
import { xml, type Element } from '../xmpp/xml.ts';

export function entryElement(e: DirectoryListing): Element {
  return xml(
    'entry',
    {
      xmlns: NS_DIRECTORY,
      jid: e.jid,
      name: e.name,
      department: e.department,
      extension: e.extension,
      'on-duty': String(e.onDuty),
      online: String(e.online),
    },
    ...e.roles.map((r) => xml('role', {}, r)),
  );
}

export class DirectoryLive {
  /** Full JIDs online towards the component. */
  private readonly online = new Set<string>();
  private readonly from: string;
  private readonly send: (el: Element) => void;
  private seq = 0;

  constructor(from: string, send: (el: Element) => void) {
    this.from = from;
    this.send = send;
  }

  /** Returns true when this changed whether the person is online at all. */
  readonly presence = (caller: Caller, type: string | undefined): boolean => {
    const before = this.isOnline(caller.bare);
    if (type === undefined) this.online.add(caller.jid);
    else if (type === 'unavailable') this.online.delete(caller.jid);
    return before !== this.isOnline(caller.bare);
  };

  isOnline(bare: string): boolean {
    return this.sessionsOf(bare).length > 0;
  }

  /** The entry as clients see it, with presence. */
  listing(e: DirectoryEntry): DirectoryListing {
    return { ...e, online: this.isOnline(e.jid) };
  }

  /** The full JIDs of one person online towards the component. */
  sessionsOf(bare: string): string[] {
    return [...this.online].filter((jid) => jid.split('/')[0]!.toLowerCase() === bare);
  }

  get subscribers(): number {
    return this.online.size;
  }

  publish(entry: DirectoryEntry): void {
    const listing = this.listing(entry);
    for (const to of this.online)
      this.send(
        xml('message', { type: 'headline', from: this.from, to, id: `dir-${++this.seq}` }, entryElement(listing)),
      );
  }
}
