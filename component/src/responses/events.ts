// Answers as they are recorded, told to the services that build on quick
// responses (alarms: the per-role tally and the incident timeline). The
// requests service emits after the answer is stored and its own notices sent.
import { Listeners } from '../listeners.ts';
import type { StoredAnswer, StoredRequest } from '../store/types.ts';

export interface Answered {
  readonly before: StoredRequest;
  readonly after: StoredRequest;
  readonly answer: StoredAnswer;
}

export class AnswerEvents extends Listeners<Answered> {}
