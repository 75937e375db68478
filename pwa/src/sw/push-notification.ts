// What a Web Push shows (issue #12): the component's payload (protocol
// PushPayload: who wrote, which request, which alarm; never a message's text)
// as a notification. One per conversation, request or incident (the tag), so
// a second push replaces the first instead of piling up; a click opens the
// view it names. Plain data: the service worker shows it, tests read it.
import { ALARM_CHOICES, type PushPayload } from '@bleep/protocol';

/** What a click needs: the view to open, and the token a button answers with (push-answer.ts). */
export interface ShownData {
  readonly url: string;
  readonly answer?: string;
}

/** A notification button (the Notifications API's NotificationAction, which the WebWorker types lack). */
export interface ShownAction {
  readonly action: string;
  readonly title: string;
}

export interface Shown {
  readonly title: string;
  readonly options: NotificationOptions & {
    readonly tag: string;
    readonly data: ShownData;
    readonly actions?: readonly ShownAction[];
    readonly renotify?: boolean;
    readonly requireInteraction?: boolean;
    readonly vibrate?: readonly number[];
  };
}

const ICON = '/icons/icon-192.png';
const path = (kind: 'chat' | 'room', jid: string) => `/${kind}/${encodeURIComponent(jid)}`;
/** A long, repeated buzz: an alarm must be felt through a pocket. */
const ALARM_VIBRATION = [600, 200, 600, 200, 600];
/** Acknowledge from the lock screen; declining or anything else opens the incident. */
const ACKNOWLEDGE = ALARM_CHOICES[0];

/** Buttons answer only with a token (the component issued one for this person); without, a click opens the app. */
const buttons = (answer: string | undefined, choices: readonly { value: string; label: string }[]) =>
  answer ? { actions: choices.map((c) => ({ action: c.value, title: c.label })) } : {};

export function notificationFor(p: PushPayload): Shown {
  switch (p.kind) {
    case 'message':
      return {
        title: `New message from ${p.name || p.from || 'a colleague'}`,
        // The push never holds the text (it may be patient data, or OMEMO): the app shows it.
        options: {
          body: 'Open Bleep to read it.',
          tag: `chat:${p.from}`,
          icon: ICON,
          data: { url: p.from ? path('chat', p.from) : '/' },
        },
      };
    case 'request':
      return {
        title: `${p.name}: ${p.title}`,
        options: {
          body: [
            ...(p.fields ?? []).map((f) => `${f.label}: ${f.value}`),
            `Answer: ${p.choices.map((c) => c.label).join(' · ')}.`,
          ].join('\n'),
          tag: `request:${p.request}`,
          renotify: true,
          icon: ICON,
          // Browsers show as many buttons as they can (Notification.maxActions); the rest are in the app.
          ...buttons(p.answer, p.choices),
          data: { url: path('chat', p.from), ...(p.answer ? { answer: p.answer } : {}) },
        },
      };
    case 'alarm':
      return {
        title: `${p.name.toUpperCase()}`,
        options: {
          body: `${p.place ? `${p.place}. ` : 'Alarm. '}${p.answer ? 'Acknowledge here, or open the incident.' : 'Open the incident to acknowledge.'}`,
          tag: `alarm:${p.incident}`,
          // Stays until the person acts; each repeat sounds and vibrates again.
          requireInteraction: true,
          renotify: true,
          vibrate: ALARM_VIBRATION,
          icon: ICON,
          ...buttons(p.answer, [ACKNOWLEDGE]),
          data: { url: path('room', p.room), ...(p.answer ? { answer: p.answer } : {}) },
        },
      };
  }
}

/** A payload as the push carries it (JSON), or undefined when it is not one of ours. */
export function parsePush(text: string | undefined): PushPayload | undefined {
  try {
    const p = JSON.parse(text ?? '') as Partial<PushPayload> | null;
    return p && (p.kind === 'message' || p.kind === 'request' || p.kind === 'alarm') ? (p as PushPayload) : undefined;
  } catch {
    return undefined;
  }
}
