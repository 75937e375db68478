// The requests commands' results on the wire (protocol/fixtures/requests-*.xml)
// ↔ typed values. A bad answer comes back as an Error value, never a throw.
import {
  FORM_REQUESTS,
  FORM_REQUESTS_EXPORT,
  FORM_REQUEST_SENT,
  REQUESTS_EXPORT_FIELDS,
  REQUESTS_FIELDS,
  REQUEST_SENT_FIELDS,
  REQUEST_STATUSES,
  type Answer,
  type RequestState,
  type RequestStatus,
} from '@bleep/protocol';
import { parseTable } from '../forms/dataform.ts';
import type { CommandStep } from '../forms/command.ts';

/** One of the user's requests (admins: anyone's), as `requests` lists it. */
export interface RequestRow {
  readonly id: string;
  readonly jid: string;
  readonly template: string;
  readonly title: string;
  readonly sender: string;
  readonly created: string;
  readonly expires: string;
  readonly state: RequestState;
}

const count = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '', 10) || 0);

/** "<jid> <choice> <ISO time>" (the names come with live states only). */
function answer(v: string): Answer | undefined {
  const [by, choice, at] = v.trim().split(/\s+/);
  return by && choice ? { by, name: '', choice, at: at ?? '' } : undefined;
}

export function parseRequestList(step: CommandStep): RequestRow[] | Error {
  if (!step.x || step.form?.formType !== FORM_REQUESTS) return new Error('The server did not list your requests.');
  return parseTable(step.x).map((f) => {
    const one = (k: string) => f[k]?.[0] ?? '';
    const id = one(REQUESTS_FIELDS.id);
    const status = one(REQUESTS_FIELDS.status) as RequestStatus;
    return {
      id,
      jid: one(REQUESTS_FIELDS.jid),
      template: one(REQUESTS_FIELDS.template),
      title: one(REQUESTS_FIELDS.title),
      sender: one(REQUESTS_FIELDS.sender),
      created: one(REQUESTS_FIELDS.created),
      expires: one(REQUESTS_FIELDS.expires),
      state: {
        id,
        status: REQUEST_STATUSES.includes(status) ? status : 'pending',
        addressed: count(one(REQUESTS_FIELDS.addressed)),
        accepted: count(one(REQUESTS_FIELDS.accepted)),
        declined: count(one(REQUESTS_FIELDS.declined)),
        answers: (f[REQUESTS_FIELDS.answers] ?? []).map(answer).filter((a): a is Answer => !!a),
        // The table says no time of the last change: any live state is newer.
        at: '',
      },
    };
  });
}

/** `requests-export`: the CSV (RFC 4180, CRLF line ends), one value a line, header first. */
export function parseExport(step: CommandStep): string | Error {
  if (!step.x || step.form?.formType !== FORM_REQUESTS_EXPORT) return new Error('The server sent no export.');
  const lines = step.form.fields.find((f) => f.var === REQUESTS_EXPORT_FIELDS.csv)?.values ?? [];
  return lines.length ? `${lines.join('\r\n')}\r\n` : new Error('The export was empty.');
}

/** `request` completed: what was sent, to how many. */
export interface Sent {
  readonly id: string;
  readonly jid: string;
  readonly addressed: number;
  readonly note: string;
}

export function parseSent(step: CommandStep): Sent | Error {
  if (step.form?.formType !== FORM_REQUEST_SENT) return new Error(step.note || 'The request was not sent.');
  const one = (k: string) => step.form!.fields.find((f) => f.var === k)?.values[0] ?? '';
  return {
    id: one(REQUEST_SENT_FIELDS.id),
    jid: one(REQUEST_SENT_FIELDS.jid),
    addressed: count(one(REQUEST_SENT_FIELDS.addressed)),
    note: step.note,
  };
}
