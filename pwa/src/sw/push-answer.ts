// A notification's button (issue #12): answers the request or acknowledges
// the alarm without opening the app, by POSTing the push's token and the
// choice to the app's own origin (protocol PUSH_ANSWER_PATH; the web proxy
// passes it to the component, which records it like an answer in the app).
// What the person then sees replaces the notification: what was recorded, or
// the refusal's text. When the server cannot be reached the app opens on the
// request or incident instead, where one tap does it.
import { PUSH_ANSWER_PATH, type PushAnswer, type PushAnswerResult } from '@bleep/protocol';
import type { Shown, ShownData } from './push-notification.ts';

/** The notification shown after the tap, or 'open' to open the app instead. */
export async function answerFromNotification(
  post: typeof fetch,
  tag: string,
  data: ShownData,
  choice: string,
): Promise<Shown | 'open'> {
  if (!data.answer) return 'open';
  let result: PushAnswerResult;
  try {
    const res = await post(PUSH_ANSWER_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: data.answer, choice } satisfies PushAnswer),
      credentials: 'omit',
    });
    result = (await res.json()) as PushAnswerResult;
    if (typeof result?.text !== 'string') return 'open';
  } catch {
    return 'open';
  }
  return {
    title: result.ok ? 'Answered' : 'Not answered',
    // Without the token: a second tap on it cannot answer again; a click opens the view.
    options: { body: result.text, tag, data: { url: data.url }, renotify: false, requireInteraction: !result.ok },
  };
}
