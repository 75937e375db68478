// One registry of refusals. Each key maps to an RFC 6120 §8.3 error type and
// condition plus a text that says what to do; the router turns any thrown
// BleepError into the stanza (errorElement), in one place.
import { NS_BLEEP_ERRORS, NS_STANZAS, type ErrorKey } from '@bleep/protocol';
import { xml, type Element } from './xml.ts';

type ErrorType = 'cancel' | 'modify' | 'auth' | 'wait';
interface ErrorSpec {
  readonly type: ErrorType;
  readonly condition: string;
  readonly text: string;
}

export const ERRORS: Readonly<Record<ErrorKey, ErrorSpec>> = Object.freeze({
  'bad-stanza': {
    type: 'modify',
    condition: 'bad-request',
    text: 'The request was malformed: an IQ get or set must carry exactly one payload element.',
  },
  'unknown-command': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is no such command. List the commands to see what is available.',
  },
  'unknown-session': {
    type: 'modify',
    condition: 'bad-request',
    text: 'This command session has expired or was never started. Start the command again.',
  },
  'bad-form': {
    type: 'modify',
    condition: 'bad-request',
    text: 'The form has problems. Correct them and send it again.',
  },
  'not-allowed': { type: 'auth', condition: 'forbidden', text: 'Your account is not allowed to do this.' },
  'not-in-directory': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'Your account is not in the staff directory yet. Ask an admin to add you.',
  },
  'unknown-entry': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is nobody with that address in the staff directory. Check the address in the directory.',
  },
  'nobody-on-duty': {
    type: 'cancel',
    condition: 'recipient-unavailable',
    text: 'Nobody holds this role on duty right now. Try another role, or call the switchboard.',
  },
  'too-big': {
    type: 'modify',
    condition: 'policy-violation',
    text: 'The message is too long. Shorten it, or send the details as a file.',
  },
  unsupported: {
    type: 'cancel',
    condition: 'service-unavailable',
    text: 'This service does not handle that request. Use the ad-hoc commands it lists.',
  },
  'unknown-address': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is nothing at this address: it is neither a role anyone holds nor a Bleep service.',
  },
  'unknown-node': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is no such pubsub node on this service.',
  },
  'too-many-sessions': {
    type: 'wait',
    condition: 'resource-constraint',
    text: 'You have too many command sessions open. Finish or cancel one, then start again.',
  },
  'rate-limited': {
    type: 'wait',
    condition: 'policy-violation',
    text: 'You are sending too fast. Wait a moment and try again.',
  },
  // Quick responses (issue #8): refusals of an answer or a request; services pass a detail naming the request.
  'unknown-request': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is no such request. It may have been mistyped; answer from the request message itself.',
  },
  'unknown-template': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is no such request template. Pick one of those the request command lists.',
  },
  // Issue #13 follow-up: template-delete of the template the dispatchers' map sends.
  'template-in-use': {
    type: 'cancel',
    condition: 'not-allowed',
    text: "The dispatchers' map sends this template when they request assistance, so it cannot be deleted. Change it with template-edit instead.",
  },
  'not-addressed': {
    type: 'auth',
    condition: 'forbidden',
    text: 'This request was not sent to you, so you cannot answer it.',
  },
  'request-expired': {
    type: 'cancel',
    condition: 'not-acceptable',
    text: 'This request has expired. Your answer was not recorded; contact the sender directly.',
  },
  'request-closed': {
    type: 'cancel',
    condition: 'conflict',
    text: 'This request is closed. Your answer was not recorded.',
  },
  'bad-answer': {
    type: 'modify',
    condition: 'bad-request',
    text: "The answer was malformed: it must name one of the request's choices.",
  },
  'unknown-choice': {
    type: 'modify',
    condition: 'bad-request',
    text: 'That is not an answer to this request. Reply with the number or the label of a choice.',
  },
  'bad-location': {
    type: 'modify',
    condition: 'bad-request',
    text: 'The location is not usable. Check the coordinates, accuracy and time, and send it again.',
  },
  'not-on-duty': {
    type: 'cancel',
    condition: 'not-allowed',
    text: 'Only staff on duty share their location. Go on duty first.',
  },
  'unknown-place': {
    type: 'modify',
    condition: 'item-not-found',
    text: 'There is no such building, floor or room in the site model. Pick one from the list.',
  },
  'already-extended': {
    type: 'cancel',
    condition: 'not-allowed',
    text: 'This shift has been extended once already. Hand over, go off duty, and go on duty again for a new shift.',
  },
  'unknown-account': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'There is no such account on this server. Check the address in the Accounts list.',
  },
  // Issue #12: an answer from a push notification carries a token the component issued (responses/token.ts).
  'bad-token': {
    type: 'auth',
    condition: 'not-authorized',
    text: "This notification's answer button is not valid here. Open Bleep and answer there.",
  },
  'unknown-device': {
    type: 'cancel',
    condition: 'item-not-found',
    text: "This account has no such device. List the account's devices and pick one.",
  },
  // Issue #13: an invite link that no longer lets anyone register.
  'unknown-invite': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'This invite link is no longer valid: it was used or withdrawn. Ask the admin who invited you for a new one.',
  },
  'invite-expired': {
    type: 'cancel',
    condition: 'gone',
    text: 'This invite link has expired. Ask the admin who invited you for a new one.',
  },
  // Issue #13 part 5: server settings; the component passes Prosody's reasons as the detail.
  'settings-refused': {
    type: 'modify',
    condition: 'not-acceptable',
    text: 'These settings are refused. Nothing was changed.',
  },
  'settings-busy': {
    type: 'wait',
    condition: 'resource-constraint',
    text: 'Another admin is applying settings right now. Nothing was changed; try again in a minute.',
  },
  'settings-hand-edits': {
    type: 'cancel',
    condition: 'conflict',
    text: "Prosody's config was edited by hand. Nothing was changed; choose to keep or overwrite the hand edits.",
  },
  'site-changed': {
    type: 'cancel',
    condition: 'conflict',
    text: 'Someone else saved the site model since you opened it. Nothing was saved; reload to see their change.',
  },
  'settings-not-applied': {
    type: 'cancel',
    condition: 'undefined-condition',
    text: 'The settings could not be applied; the previous ones were put back.',
  },
  'unknown-role-message': {
    type: 'cancel',
    condition: 'item-not-found',
    text: 'No message of yours to a role was recorded with this id.',
  },
  'role-message-withdrawn': {
    type: 'cancel',
    condition: 'not-acceptable',
    text: 'You cancelled this message to a role, so it reached nobody. Write it again to send it.',
  },
  // Issue #10: the incident room could not be made, so nobody was alerted, or those alerted cannot enter it (its form
  // refused: the text says which, alarms/unraised.ts); the incident is failed and the same
  // trigger sent again raises it anew (alarms/unraised.ts). `wait`: sending it again is the thing to do.
  'alarm-not-raised': {
    type: 'wait',
    condition: 'internal-server-error',
    text: 'The alarm did NOT go out. Send it again; if someone is in danger, call the switchboard now.',
  },
  // The component is connected but its start is not done (seeding, department rooms: starting.ts). RFC 6120
  // §8.3.3.19 service-unavailable ("does not currently provide") of type wait (§8.3.2: retry after waiting),
  // not resource-constraint (§8.3.3.18: short of resources, which it is not). Prosody bounces for a component
  // that is away with the same condition, so clients already send again on it.
  starting: {
    type: 'wait',
    condition: 'service-unavailable',
    text: 'Bleep is starting; try again in a few seconds.',
  },
  internal: {
    type: 'wait',
    condition: 'internal-server-error',
    text: 'Something went wrong on the server. Try again; if it keeps happening, tell IT.',
  },
});

/** A refusal with a registry key; `detail` replaces the registry text when it says more. */
export class BleepError extends Error {
  readonly key: ErrorKey;
  constructor(key: ErrorKey, detail?: string) {
    super(detail ?? ERRORS[key].text);
    this.key = key;
    this.name = 'BleepError';
  }
}

/** What a user sent, quoted in a refusal's text: cut to a readable length (issue #14: texts must not grow with the input). */
export function quote(input: string, max = 60): string {
  const chars = [...input];
  return `"${chars.length > max ? `${chars.slice(0, max).join('')}…` : input}"`;
}

/** A text is a sentence or two; anything longer was built from input and is cut. */
const MAX_TEXT = 1000;

/** The <error/> child for any failure: unexpected errors become 'internal' and keep their message to the log. */
export function errorElement(err: unknown): Element {
  const key = err instanceof BleepError ? err.key : 'internal';
  const spec = ERRORS[key];
  const full = err instanceof BleepError ? err.message : spec.text;
  const text = full.length > MAX_TEXT ? `${full.slice(0, MAX_TEXT)}…` : full;
  return xml(
    'error',
    { type: spec.type },
    xml(spec.condition, { xmlns: NS_STANZAS }),
    xml('text', { xmlns: NS_STANZAS, 'xml:lang': 'en' }, text),
    xml(key, { xmlns: NS_BLEEP_ERRORS }),
  );
}
