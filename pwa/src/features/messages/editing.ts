// Changing what one sent: a correction (XEP-0308) of one's own message, here
// and for the others, or its retraction (XEP-0424). Never a message held back
// as "not sent" (that one is sent now or discarded instead).
import type { MessageContent } from './content.ts';
import type { Conversation } from './timeline.ts';

export interface EditingDeps {
  readonly conversation: (jid: string) => Conversation | undefined;
  readonly canSend: (c: Conversation) => boolean;
  readonly transmit: (c: Conversation, content: MessageContent, id?: string) => Promise<void>;
}

export function createEditing({ conversation, canSend, transmit }: EditingDeps) {
  /** The user's own message that may still be changed. */
  const own = (c: Conversation | undefined, id: string) =>
    c?.lines.find((l) => l.id === id && l.mine && !l.retracted && l.status !== 'unsent');

  return {
    async correct(jid: string, id: string, text: string): Promise<void> {
      const c = conversation(jid);
      const line = own(c, id);
      const body = text.trim();
      if (!c || !line || !body || !canSend(c)) return;
      // A message the user chose to send unencrypted is corrected the same way (omemo/encrypt.ts asks otherwise).
      const plain = line.content.kind === 'text' && line.content.plain === true;
      await transmit(c, { kind: 'correction', replaces: id, body, ...(plain && { plain }) }, crypto.randomUUID());
      Object.assign(line, { content: { kind: 'text', body, ...(plain && { plain }) }, edited: true });
    },
    async retract(jid: string, id: string): Promise<void> {
      const c = conversation(jid);
      const line = own(c, id);
      if (!c || !line || !canSend(c)) return;
      await transmit(c, { kind: 'retraction', retracts: id }, crypto.randomUUID());
      Object.assign(line, { content: { kind: 'text', body: '' }, retracted: true });
    },
  };
}
