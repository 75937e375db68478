// The command sessions this page holds open on the component (XEP-0050 §4.4:
// "cancel" ends one). A page reloaded or closed mid-command would leave them
// open there until they idle out, each counting against the account's cap
// (component/src/xmpp/adhoc.ts), so on pagehide every one is cancelled: best
// effort, the stanzas are sent and their answers not awaited. Leaving a page
// inside the app cancels its command where the page unmounts.
import { NS_COMMANDS } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { commandIq, type CommandStep } from './command.ts';

export class OpenSessions {
  /** Session id → command node. */
  private readonly open = new Map<string, string>();

  /** Notes a step sent (and its answer, once read): open while executing; gone once completed or cancelled. */
  note(sent: XmlElement, answer?: CommandStep): void {
    const c = sent.getChild('command', NS_COMMANDS);
    if (c?.attrs.action === 'cancel' && c.attrs.sessionid) this.open.delete(c.attrs.sessionid);
    if (!answer?.sessionid) return;
    if (answer.status === 'executing') this.open.set(answer.sessionid, answer.node);
    else this.open.delete(answer.sessionid);
  }

  get size(): number {
    return this.open.size;
  }

  /** Sends a cancel for each open session (to `ops`) and forgets them all. */
  cancelAll(ops: string, send: (iq: XmlElement) => unknown): void {
    for (const [sessionid, node] of this.open) {
      const iq = commandIq(ops, node, 'cancel', sessionid);
      iq.attrs.id = `cancel-${sessionid}`; // sent without the IQ caller, which would give it one
      try {
        send(iq);
      } catch {
        // best effort: the component closes it when it idles out
      }
    }
    this.open.clear();
  }
}
