// XEP-0357 §5 notifications as Prosody's mod_cloud_notify publishes them:
// <publish node><item><notification xmlns="urn:xmpp:push:0"><x> summary form.
// https://xmpp.org/extensions/xep-0357.html#publishing
import { FORM_PUSH_SUMMARY, NS_DATA, NS_PUSH } from '@bleep/protocol';
import type { Element } from '../xmpp/xml.ts';

export interface Summary {
  /** last-message-sender (full JID as Prosody saw it), when the server sends it (push_notification_with_sender). */
  readonly sender?: string;
  /**
   * Whether mod_cloud_notify counted the stanza as important: it sets last-message-body (a fixed text, never
   * the message's) for a message with a body or encrypted; receipts, markers and such have none.
   */
  readonly important: boolean;
}

export function parseSummary(publish: Element): Summary | undefined {
  const form = publish.getChild('item')?.getChild('notification', NS_PUSH)?.getChild('x', NS_DATA);
  if (!form) return undefined;
  const value = (v: string) =>
    form
      .getChildren('field')
      .find((f) => f.attrs.var === v)
      ?.getChildText('value') ?? undefined;
  if (value('FORM_TYPE') !== FORM_PUSH_SUMMARY) return undefined;
  const sender = value('last-message-sender');
  return { ...(sender ? { sender } : {}), important: !!value('last-message-body') };
}
