// Push notifications (issue #12): the PWA registers its Web Push subscription
// with the component (ad-hoc commands below), then enables XEP-0357 push on
// its own account, pointing at ops.<domain> and the node the command returned.
// Prosody's mod_cloud_notify publishes to that node when the account cannot
// be reached; the component sends the Web Push. No XML here.
// https://xmpp.org/extensions/xep-0357.html

/** XEP-0357 */
export const NS_PUSH = 'urn:xmpp:push:0';
/** XEP-0357 §5: the FORM_TYPE of the notification's summary form. */
export const FORM_PUSH_SUMMARY = 'urn:xmpp:push:summary';
export const FORM_PUSH_REGISTER = 'urn:bleep:push:register:0';
export const FORM_PUSH_REGISTERED = 'urn:bleep:push:registered:0';
export const FORM_PUSH_UNREGISTER = 'urn:bleep:push:unregister:0';

/**
 * Where a service worker POSTs an answer from a notification's button (same origin; the web proxy passes it
 * to the component): JSON `PushAnswer`, answered with JSON `PushAnswerResult`.
 */
export const PUSH_ANSWER_PATH = '/push/answer';

export interface PushAnswer {
  /** The push's `answer` token: issued for one request and person, expiring. */
  readonly token: string;
  /** One of the request's choices (its value). */
  readonly choice: string;
}

/** `ok` with what was recorded, or the refusal's key (protocol ERROR_KEYS) and a readable text. */
export type PushAnswerResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string; readonly text: string };

/** XEP-0050 command nodes of the push service on ops.<domain>. */
export const PUSH_COMMANDS = {
  /** Step 1 shows the VAPID public key; step 2 takes the PushSubscription and returns the XEP-0357 node. */
  pushRegister: 'push-register',
  /** Removes the caller's subscription with this endpoint (sign-out), or all of theirs when none is given. */
  pushUnregister: 'push-unregister',
} as const;

export const PUSH_FIELDS = {
  /** Step 1 (fixed): the VAPID public key, base64url, for PushManager.subscribe's applicationServerKey. */
  vapidKey: 'vapid-key',
  /** PushSubscription.endpoint (https). */
  endpoint: 'endpoint',
  /** PushSubscription.getKey('p256dh') and ('auth'), base64url. */
  p256dh: 'p256dh',
  auth: 'auth',
  /** Result: where to enable XEP-0357 push (<enable jid=… node=…/>). */
  jid: 'jid',
  node: 'node',
} as const;

/**
 * What a Web Push carries (JSON, encrypted to the subscription, RFC 8291).
 * By default no patient data: who wrote, which request, which alarm; never
 * a message's text (OMEMO messages are never decrypted for push). A hospital
 * may add an alarm's place or a request's fields (BLEEP_PUSH_INCLUDE), never
 * a message's text.
 */
export type PushPayload =
  | { readonly kind: 'message'; readonly from: string; readonly name: string }
  | {
      readonly kind: 'request';
      /** req-<id>@ops.<domain>: where an answer goes. */
      readonly request: string;
      readonly title: string;
      readonly from: string;
      readonly name: string;
      /** The buttons, for notification actions. */
      readonly choices: readonly { readonly value: string; readonly label: string }[];
      /** Token for answering from the notification (PUSH_ANSWER_PATH); absent when the push carries none. */
      readonly answer?: string;
      /** The request's fields, only where the hospital chose so (BLEEP_PUSH_INCLUDE=request-fields). */
      readonly fields?: readonly { readonly label: string; readonly value: string }[];
    }
  | {
      readonly kind: 'alarm';
      readonly incident: string;
      readonly name: string;
      readonly colour: string;
      readonly room: string;
      readonly request: string;
      /** Token for acknowledging from the notification (PUSH_ANSWER_PATH; ALARM_CHOICES); absent without a request. */
      readonly answer?: string;
      /** Location and bed, only where the hospital chose so (BLEEP_PUSH_INCLUDE=alarm-place). */
      readonly place?: string;
    };
