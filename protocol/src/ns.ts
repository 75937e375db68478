// Namespaces Bleep speaks. Standard XEP namespaces sit beside the spec that
// defines them; Bleep's own are versioned so a change is a new namespace.

/** https://xmpp.org/extensions/xep-0030.html */
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
/** https://xmpp.org/extensions/xep-0050.html */
export const NS_COMMANDS = 'http://jabber.org/protocol/commands';
/** https://xmpp.org/extensions/xep-0004.html */
export const NS_DATA = 'jabber:x:data';
/** RFC 6120 §8.3.3: stanza error conditions and their <text/>. */
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** XEP-0199 */
export const NS_PING = 'urn:xmpp:ping';

/** Bleep's own error condition element (an application-specific condition, RFC 6120 §8.3.4). */
export const NS_BLEEP_ERRORS = 'urn:bleep:errors:0';
/** FORM_TYPE of the whoami result form (XEP-0068 style hidden field). */
export const FORM_WHOAMI = 'urn:bleep:whoami:0';

/** Live directory updates: <entry xmlns="urn:bleep:directory:0"/> in a headline message (protocol/README.md). */
export const NS_DIRECTORY = 'urn:bleep:directory:0';
export const FORM_DIRECTORY_SEARCH = 'urn:bleep:directory:search:0';
export const FORM_DIRECTORY_RESULT = 'urn:bleep:directory:result:0';
export const FORM_DIRECTORY_EDIT = 'urn:bleep:directory:edit:0';
export const FORM_DIRECTORY_DELETE = 'urn:bleep:directory:delete:0';
export const FORM_DIRECTORY_RENAME = 'urn:bleep:directory:rename:0';
export const FORM_DIRECTORY_ROLE_RENAME = 'urn:bleep:directory:role-rename:0';
export const FORM_DIRECTORY_ROLE_DELETE = 'urn:bleep:directory:role-delete:0';
export const FORM_DUTY = 'urn:bleep:duty:0';
export const FORM_DIRECTORY_AUDIT = 'urn:bleep:directory:audit:0';
/** Role addressing: <delivered/> (to recipients) and <reached/> (to the sender). */
export const NS_ROLE = 'urn:bleep:role:0';
/** The role-resolve command's form (role, message id) and its result table (the people reached). */
export const FORM_ROLE_RESOLVE = 'urn:bleep:role:resolve:0';
export const FORM_ROLE_RESOLVED = 'urn:bleep:role:resolved:0';
/** The role-withdraw command's form (message id): a cancelled role message reached nobody. */
export const FORM_ROLE_WITHDRAW = 'urn:bleep:role:withdraw:0';
/** XEP-0359 */
export const NS_SID = 'urn:xmpp:sid:0';
/** XEP-0184 delivery receipts */
export const NS_RECEIPTS = 'urn:xmpp:receipts';
/** XEP-0333 chat markers */
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';
/** XEP-0280 message carbons */
export const NS_CARBONS = 'urn:xmpp:carbons:2';
/** XEP-0297 stanza forwarding */
export const NS_FORWARD = 'urn:xmpp:forward:0';
/** XEP-0313 message archive management */
export const NS_MAM = 'urn:xmpp:mam:2';
/** XEP-0059 result set management */
export const NS_RSM = 'http://jabber.org/protocol/rsm';
/** XEP-0203 delayed delivery */
export const NS_DELAY = 'urn:xmpp:delay';
/** XEP-0085 chat states */
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
/** XEP-0308 last message correction */
export const NS_CORRECT = 'urn:xmpp:message-correct:0';
/** XEP-0424 message retraction (v0.4) */
export const NS_RETRACT = 'urn:xmpp:message-retract:1';
/** XEP-0428 fallback indication */
export const NS_FALLBACK = 'urn:xmpp:fallback:0';
/** XEP-0334 processing hints */
export const NS_HINTS = 'urn:xmpp:hints';
/** XEP-0363 HTTP file upload (slots on share.<domain>) */
export const NS_HTTP_UPLOAD = 'urn:xmpp:http:upload:0';
/** XEP-0066 out-of-band data (a link beside the body; XEP-0454 links travel in the body only) */
export const NS_OOB = 'jabber:x:oob';
/** XEP-0045 multi-user chat */
export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const FORM_MUC_ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
/** XEP-0249 direct MUC invitations */
export const NS_CONFERENCE = 'jabber:x:conference';
/**
 * On Prosody's answers to the ops component's presence probe
 * (mod_bleep_directed_probe.lua): the session was online before the probe,
 * so it is not coming online now (no welcome again after a restart).
 */
export const NS_PROBED = 'urn:bleep:probed:0';
/** XEP-0060 publish-subscribe, XEP-0402 bookmarks (the room list on every device) */
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
export const FORM_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';
/**
 * Quick responses (issue #8): the <request/>, <state/> and <answer/> payloads of
 * a request message, its live updates and an answer (protocol/README.md, "Quick responses").
 */
export const NS_REQUEST = 'urn:bleep:request:0';
/** XEP-0439 quick response buttons (Deferred; namespace as the XEP writes it). */
export const NS_QUICK_RESPONSE = 'urn:xmpp:tmp:quick-response';
/** The `request` command: step 1 (template and recipients), step 2 (the template's fields), the result. */
export const FORM_REQUEST = 'urn:bleep:request:0';
export const FORM_REQUEST_FIELDS = 'urn:bleep:request:fields:0';
export const FORM_REQUEST_SENT = 'urn:bleep:request:sent:0';
/** The `requests` result table, and `requests-export` (CSV). */
export const FORM_REQUESTS = 'urn:bleep:requests:0';
export const FORM_REQUESTS_EXPORT = 'urn:bleep:requests:export:0';
/**
 * XEP-0384 OMEMO 0.3 (https://xmpp.org/extensions/attic/xep-0384-0.3.0.html), the version
 * Conversations, Dino, Gajim, Profanity and Converse.js all speak: the device list is a PEP
 * node, each device's bundle is another, and `<encrypted/>` carries one key per device.
 */
export const NS_OMEMO = 'eu.siacs.conversations.axolotl';
export const NODE_OMEMO_DEVICES = `${NS_OMEMO}.devicelist`;
/** One node per device: `${NODE_OMEMO_BUNDLES}${deviceId}`. */
export const NODE_OMEMO_BUNDLES = `${NS_OMEMO}.bundles:`;
/** XEP-0380: names the encryption for clients that cannot read it. */
export const NS_EME = 'urn:xmpp:eme:0';
export const NS_PUBSUB_ERRORS = 'http://jabber.org/protocol/pubsub#errors';
/** Preset alarms (issue #10): the preset edit form and the presets table. */
export const FORM_ALARM_PRESET = 'urn:bleep:alarm:preset:0';
export const FORM_ALARM_PRESETS = 'urn:bleep:alarm:presets:0';
/** The `alarm` command's form and result; <alarm/> in the incident room's invitation that carries the alarm. */
export const FORM_ALARM = 'urn:bleep:alarm:trigger:0';
export const FORM_ALARM_RAISED = 'urn:bleep:alarm:raised:0';
export const NS_ALARM = 'urn:bleep:alarm:0';
/** alarm-resolve and alarm-break-glass (an open incident and a text), alarm-report (an incident and a format; the report). */
export const FORM_ALARM_INCIDENT = 'urn:bleep:alarm:incident:0';
export const FORM_ALARM_REPORT = 'urn:bleep:alarm:report:0';
/** alarm-incidents: the open incidents and where they are. */
export const FORM_ALARM_INCIDENTS = 'urn:bleep:alarm:incidents:0';
/** A change to the open incidents, pushed to dispatchers and admins: <incidents change incident/> in a headline from alarms@ops.<domain>. */
export const NS_ALARM_INCIDENTS_CHANGE = 'urn:bleep:alarm:incidents:change:0';
