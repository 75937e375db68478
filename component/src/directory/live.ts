// Live directory updates. A client that sends directed presence to the
// component (DESIGN.md: that marks it online) gets every changed entry as
// <message type="headline"><entry xmlns="urn:bleep:directory:0"/></message>
// until Prosody tells the component it went unavailable. The same presence
// says who is online: a person's entry goes out again when their first
// session comes or their last one goes. A deleted entry goes out as
// <removed jid="…"/>, so lists drop it without a reload.
import { NS_DIRECTORY, type DirectoryEntry, type DirectoryListing } from '@bleep/protocol';
import type { Online } from '../online.ts';
import { xml, type Element } from '../xmpp/xml.ts';
import type { DirectoryChange } from './changes.ts';

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
  private readonly online: Online;
  private readonly from: string;
  private readonly send: (el: Element) => void;
  private seq = 0;

  constructor(online: Online, from: string, send: (el: Element) => void) {
    this.online = online;
    this.from = from;
    this.send = send;
  }

  /** The entry as clients see it, with presence. */
  listing(e: DirectoryEntry): DirectoryListing {
    return { ...e, online: this.online.isOnline(e.jid) };
  }

  publish(entry: DirectoryEntry): void {
    this.toEveryone(entryElement(this.listing(entry)));
  }

  /** A directory change: the entry as it is now, or its removal (no `after`). */
  changed({ before, after }: DirectoryChange): void {
    if (after) this.publish(after);
    else if (before) this.toEveryone(xml('removed', { xmlns: NS_DIRECTORY, jid: before.jid }));
  }

  private toEveryone(payload: Element): void {
    for (const to of this.online.all())
      this.send(xml('message', { type: 'headline', from: this.from, to, id: `dir-${++this.seq}` }, payload));
  }
}
