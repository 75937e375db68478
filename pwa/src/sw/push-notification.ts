// What a Web Push shows (issue #12): the component's payload (protocol
// PushPayload: who wrote, which request, which alarm; never a message's text)
// as a notification. One per conversation, request or incident (the tag), so
// a second push replaces the first instead of piling up; a click opens the
// view it names. Plain data: the service worker shows it, tests read it.
import type { PushPayload } from '@bleep/protocol';

export interface Shown {
  readonly title: string;
  readonly options: NotificationOptions & {
    readonly tag: string;
    readonly data: { readonly url: string };
    readonly renotify?: boolean;
    readonly requireInteraction?: boolean;
    readonly vibrate?: readonly number[];
  };
}

const ICON = '/icons/icon-192.png';
const path = (kind: 'chat' | 'room', jid: string) => `/${kind}/${encodeURIComponent(jid)}`;
/** A long, repeated buzz: an alarm must be felt through a pocket. */
const ALARM_VIBRATION = [600, 200, 600, 200, 600];

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
          body: `Answer: ${p.choices.map((c) => c.label).join(' · ')}. Open Bleep to answer.`,
          tag: `request:${p.request}`,
          renotify: true,
          icon: ICON,
          data: { url: path('chat', p.from) },
        },
      };
    case 'alarm':
      return {
        title: `${p.name.toUpperCase()}`,
        options: {
          body: 'Alarm. Open the incident to acknowledge.',
          tag: `alarm:${p.incident}`,
          // Stays until the person acts; each repeat sounds and vibrates again.
          requireInteraction: true,
          renotify: true,
          vibrate: ALARM_VIBRATION,
          icon: ICON,
          data: { url: path('room', p.room) },
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
