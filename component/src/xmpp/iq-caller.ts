// IQs the component sends and the answers it waits for (RFC 6120 §8.2.3: every
// get/set gets exactly one result or error with the same id).
import { randomUUID } from 'node:crypto';
import { NS_STANZAS } from '@bleep/protocol';
import type { Element } from './xml.ts';

/** An error answer to one of the component's own IQs (RFC 6120 §8.3): its message is the condition; `text` is the server's. */
export class IqError extends Error {
  readonly text: string | undefined;
  constructor(condition: string, text?: string) {
    super(condition);
    this.name = 'IqError';
    this.text = text;
  }
}

export class IqCaller {
  private readonly pending = new Map<string, { resolve(el: Element): void; reject(err: Error): void }>();
  private readonly send: (el: Element) => void;

  constructor(send: (el: Element) => void) {
    this.send = send;
  }

  /** Sends an IQ get/set and resolves with the result; an error answer rejects with its condition. */
  request(iq: Element, timeoutMs = 10_000): Promise<Element> {
    const id = randomUUID();
    iq.attrs.id = id;
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer from ${iq.attrs.to} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (el) => (clearTimeout(timer), resolve(el)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      });
      this.send(iq);
    });
  }

  /** Takes a result or error that answers one of ours; false when it is not ours. */
  take(stanza: Element): boolean {
    if (stanza.name !== 'iq' || (stanza.attrs.type !== 'result' && stanza.attrs.type !== 'error')) return false;
    const waiting = this.pending.get(stanza.attrs.id ?? '');
    if (!waiting) return false;
    this.pending.delete(stanza.attrs.id!);
    if (stanza.attrs.type === 'result') waiting.resolve(stanza);
    else {
      const error = stanza.getChild('error');
      const condition = error?.getChildElements().find((c) => c.name !== 'text')?.name ?? 'error';
      waiting.reject(new IqError(condition, error?.getChildText('text', NS_STANZAS) ?? undefined));
    }
    return true;
  }
}
