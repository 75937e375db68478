// A tap on an alarm's button as the PWA sends it (protocol fixtures/request-answer.xml), for the alarm
// integration tests.
import { ALARM_CHOICES, NS_REQUEST } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { nextStanza, xml } from '../test-support.ts';

/** Sends the answer `choice` to `request` (req-<id>@ops…); resolves with the first word back from that address. */
export async function tapAlarmButton(cl: Client, request: string, choice: string): Promise<XmlElement> {
  const label = ALARM_CHOICES.find((c) => c.value === choice)!.label;
  const said = nextStanza(cl, (el) => el.name === 'message' && el.attrs.from === request);
  await cl.send(
    xml('message', { type: 'chat', to: request }, xml('body', {}, label), xml('answer', { xmlns: NS_REQUEST, choice })),
  );
  return said;
}
