import { describe, expect, it } from 'vitest';
import { notificationFor, parsePush } from './push-notification.ts';

describe('push notifications', () => {
  it('shows a message as who wrote, one per conversation, opening that chat; never text', () => {
    const n = notificationFor({ kind: 'message', from: 'nurse@h.example', name: 'Priya Shah' });
    expect(n.title).toBe('New message from Priya Shah');
    expect(n.options.body).toBe('Open Bleep to read it.');
    expect(n.options.tag).toBe('chat:nurse@h.example');
    expect(n.options.data.url).toBe('/chat/nurse%40h.example');
  });

  it('shows a request with its choices, opening the chat with its sender', () => {
    const n = notificationFor({
      kind: 'request',
      request: 'req-abcd2345@ops.h.example',
      title: 'Accept patient',
      from: 'doctor@h.example',
      name: 'Amara Okafor',
      choices: [
        { value: 'accept', label: 'Accept' },
        { value: 'decline', label: 'Decline' },
      ],
    });
    expect(n.title).toBe('Amara Okafor: Accept patient');
    expect(n.options.body).toContain('Accept · Decline');
    expect(n.options.tag).toBe('request:req-abcd2345@ops.h.example');
    expect(n.options.data.url).toBe('/chat/doctor%40h.example');
    // Without a token from the component the buttons could not answer: none shown, a click opens the chat.
    expect(n.options.actions).toBeUndefined();
  });

  it("gives a request's choices as buttons that answer with the push's token", () => {
    const n = notificationFor({
      kind: 'request',
      request: 'req-abcd2345@ops.h.example',
      title: 'Accept patient',
      from: 'doctor@h.example',
      name: 'Amara Okafor',
      choices: [
        { value: 'accept', label: 'Accept' },
        { value: 'decline', label: 'Decline' },
      ],
      answer: 'tok.en',
    });
    expect(n.options.actions).toEqual([
      { action: 'accept', title: 'Accept' },
      { action: 'decline', title: 'Decline' },
    ]);
    expect(n.options.data).toEqual({ url: '/chat/doctor%40h.example', answer: 'tok.en' });
  });

  it('keeps an alarm on screen until acted on, vibrating on each repeat, opening the incident room', () => {
    const n = notificationFor({
      kind: 'alarm',
      incident: 'abcd2345',
      name: 'Code Blue',
      colour: '#1d4ed8',
      room: 'alarm-abcd2345@conference.h.example',
      request: 'req-efgh2345@ops.h.example',
    });
    expect(n.title).toBe('CODE BLUE');
    expect(n.options).toMatchObject({ requireInteraction: true, renotify: true, tag: 'alarm:abcd2345' });
    expect(n.options.vibrate!.length).toBeGreaterThan(0);
    expect(n.options.data.url).toBe('/room/alarm-abcd2345%40conference.h.example');
    expect(n.options.actions).toBeUndefined();
    const answerable = notificationFor({
      kind: 'alarm',
      incident: 'abcd2345',
      name: 'Code Blue',
      colour: '#1d4ed8',
      room: 'alarm-abcd2345@conference.h.example',
      request: 'req-efgh2345@ops.h.example',
      answer: 'tok.en',
    });
    expect(answerable.options.actions).toEqual([{ action: 'acknowledge', title: 'Acknowledge' }]);
    expect(answerable.options.data.answer).toBe('tok.en');
    // Where the hospital lets pushes carry it (BLEEP_PUSH_INCLUDE), the place comes first.
    const placed = notificationFor({
      kind: 'alarm',
      incident: 'abcd2345',
      name: 'Code Blue',
      colour: '#1d4ed8',
      room: 'r@c.h.example',
      request: '',
      place: 'Ward 3, bed 4',
    });
    expect(placed.options.body).toBe('Ward 3, bed 4. Open the incident to acknowledge.');
  });

  it('takes only its own payloads', () => {
    expect(parsePush('{"kind":"message","from":"a@h.example","name":"A"}')).toMatchObject({ kind: 'message' });
    expect(parsePush('{"kind":"other"}')).toBeUndefined();
    expect(parsePush('not json')).toBeUndefined();
    expect(parsePush(undefined)).toBeUndefined();
  });
});
