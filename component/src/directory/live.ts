// Live directory updates. A client that sends directed presence to the
// component (DESIGN.md: that marks it online) gets every changed entry as
// <message type="headline"><entry xmlns="urn:bleep:directory:0"/></message>
// until Prosody tells the component it went unavailable.
import { NS_DIRECTORY, type DirectoryEntry } from '@bleep/protocol';
import type { Caller } from '../xmpp/router.ts';
import { xml, type Element } from '../xmpp/xml.ts';

export function entryElement(e: DirectoryEntry): Element {
  return xml(
    'entry',
    {
      xmlns: NS_DIRECTORY,
      jid: e.jid,
      name: e.name,
      department: e.department,
      extension: e.extension,
      'on-duty': String(e.onDuty),
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

  readonly presence = (caller: Caller, type: string | undefined): void => {
    if (type === undefined) this.online.add(caller.jid);
    else if (type === 'unavailable') this.online.delete(caller.jid);
  };

  /** The full JIDs of one person online towards the component. */
  sessionsOf(bare: string): string[] {
    return [...this.online].filter((jid) => jid.split('/')[0]!.toLowerCase() === bare);
  }

  get subscribers(): number {
    return this.online.size;
  }

  publish(entry: DirectoryEntry): void {
    for (const to of this.online)
      this.send(
        xml('message', { type: 'headline', from: this.from, to, id: `dir-${++this.seq}` }, entryElement(entry)),
      );
  }
}
