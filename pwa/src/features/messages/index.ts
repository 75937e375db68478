// The messages feature's public face, for the chat and rooms features,
// the app's modules and other features. Its components are in components.ts.
export { useMessages } from './messages.store.ts';
export { waitedFor, waitedTooLong } from './settings.ts';
export { preview } from './content.ts';
export type { ChatState, ConversationType, MessageContent, Shown, Target } from './content.ts';
export type { Conversation, Line, Status } from './timeline.ts';
export { newerState, statusLine, tallyLine } from './kinds/request-status.ts';
export type { Alarm } from './kinds/alarm-codec.ts';
export { placeOf, requestIdOf } from './kinds/alarm-codec.ts';
export type { IncidentNews, OpenIncident } from './kinds/open-incidents-codec.ts';
export { parseIncidentRows } from './kinds/open-incidents-codec.ts';
