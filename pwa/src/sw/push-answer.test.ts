import { describe, expect, it } from 'vitest';
import { answerFromNotification } from './push-answer.ts';

/** The origin's answers as the component gives them through the proxy (protocol PushAnswerResult). */
function origin(status: number, body: object | 'down') {
  const sent: { url: string; body: unknown }[] = [];
  const post = (async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) });
    if (body === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { post, sent };
}
const data = { url: '/chat/doctor%40h.example', answer: 'tok.en' };

describe("a notification's button", () => {
  it('answers with the push token and the choice, and then says what was recorded', async () => {
    const o = origin(200, { ok: true, text: 'Answered "Accept patient": Accept.' });
    const shown = await answerFromNotification(o.post, 'request:r', data, 'accept');
    expect(o.sent).toEqual([{ url: '/push/answer', body: { token: 'tok.en', choice: 'accept' } }]);
    expect(shown).toMatchObject({
      title: 'Answered',
      options: { body: 'Answered "Accept patient": Accept.', tag: 'request:r', data: { url: data.url } },
    });
    // The shown result has no token left: tapping it opens the chat, it cannot answer again.
    expect(shown !== 'open' && shown.options.data.answer).toBeUndefined();
  });

  it("shows the server's refusal in words, kept on screen", async () => {
    const text = 'This request is closed: taken by Amara Okafor. Your answer was not recorded.';
    const o = origin(409, { ok: false, error: 'request-closed', text });
    expect(await answerFromNotification(o.post, 'request:r', data, 'accept')).toMatchObject({
      title: 'Not answered',
      options: { body: text, requireInteraction: true },
    });
  });

  it('opens the app when the server cannot be reached, or the push gave no token', async () => {
    expect(await answerFromNotification(origin(0, 'down').post, 'alarm:i', data, 'acknowledge')).toBe('open');
    expect(await answerFromNotification(origin(502, { html: 1 }).post, 'alarm:i', data, 'acknowledge')).toBe('open');
    const o = origin(200, { ok: true, text: 'x' });
    expect(await answerFromNotification(o.post, 'alarm:i', { url: '/' }, 'acknowledge')).toBe('open');
    expect(o.sent).toEqual([]);
  });
});
