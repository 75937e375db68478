// Quick responses over SQL. Every write to a request runs in one transaction
// that first locks the request's row (UPDATE … RETURNING: a row lock on
// PostgreSQL, and on SQLite inside BEGIN IMMEDIATE the database's write
// lock), so concurrent answers are decided one after the other from what is
// stored, never from memory: twenty simultaneous accepts of an exclusive
// request find one winner. One person has one answer row (primary key);
// audit rows are only ever inserted.
import { OPEN_STATUSES, type Audience, type Choice, type RequestField, type RequestStatus } from '@bleep/protocol';
import type {
  AuditEvent,
  Escalation,
  OnAccept,
  Recipient,
  RequestAuditRow,
  ResponseStore,
  StoredAnswer,
  StoredRequest,
} from '../types.ts';
import { applyChange, creationEvents } from '../responses.ts';
import type { Db, Row } from './db.ts';
import { rule, sqlTemplates } from './templates.ts';

interface RequestRow extends Row {
  id: string;
  template: string;
  title: string;
  sender: string;
  sender_name: string;
  rule_kind: string;
  quorum: number | string | null;
  choices: string;
  fields: string;
  audience: string;
  escalation: string | null;
  on_accept: string | null;
  created_at: string;
  expires_at: string | null;
  status: string;
  status_at: string;
}

const json = <T>(s: string): T => JSON.parse(s) as T;

const REQUEST_COLUMNS =
  'id, template, title, sender, sender_name, rule_kind, quorum, choices, fields, audience, escalation, on_accept, created_at, expires_at, status, status_at';

async function load(db: Pick<Db, 'query'>, rows: RequestRow[]): Promise<StoredRequest[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const list = ids.map((_, i) => `$${i + 1}`).join(', ');
  const recipients = await db.query<Row>(
    `SELECT request_id, jid, name, delivered_at FROM request_recipients WHERE request_id IN (${list}) ORDER BY delivered_at, jid`,
    ids,
  );
  const answers = await db.query<Row>(
    `SELECT request_id, jid, name, choice, at, resource FROM request_answers WHERE request_id IN (${list}) ORDER BY at, jid`,
    ids,
  );
  return rows.map((r) => ({
    id: r.id,
    template: r.template,
    title: r.title,
    sender: r.sender,
    senderName: r.sender_name,
    rule: rule(r.rule_kind, r.quorum),
    choices: json<Choice[]>(r.choices),
    fields: json<RequestField[]>(r.fields),
    audience: json<Audience>(r.audience),
    ...(r.escalation ? { escalation: json<Escalation>(r.escalation) } : {}),
    ...(r.on_accept ? { onAccept: r.on_accept as OnAccept } : {}),
    created: r.created_at,
    ...(r.expires_at ? { expires: r.expires_at } : {}),
    status: r.status as RequestStatus,
    statusAt: r.status_at,
    recipients: recipients
      .filter((x) => x.request_id === r.id)
      .map((x): Recipient => ({ jid: String(x.jid), name: String(x.name), deliveredAt: String(x.delivered_at) })),
    answers: answers
      .filter((x) => x.request_id === r.id)
      .map((x): StoredAnswer => ({
        by: String(x.jid),
        name: String(x.name),
        choice: String(x.choice),
        at: String(x.at),
        resource: String(x.resource),
      })),
  }));
}

async function addRecipients(tx: Db, id: string, recipients: readonly Recipient[]): Promise<void> {
  for (const p of recipients)
    await tx.query(
      `INSERT INTO request_recipients (request_id, jid, name, delivered_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id, jid) DO NOTHING`,
      [id, p.jid, p.name, p.deliveredAt],
    );
}

async function appendAudit(tx: Db, id: string, events: readonly AuditEvent[]): Promise<void> {
  if (!events.length) return;
  const rows = await tx.query<{ n: number | string | null }>(
    'SELECT MAX(n) AS n FROM request_audit WHERE request_id = $1',
    [id],
  );
  let next = Number(rows[0]?.n ?? 0);
  for (const e of events)
    await tx.query(
      'INSERT INTO request_audit (request_id, n, event, who, choice, at, resource, took_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id, ++next, e.event, e.who, e.choice, e.at, e.resource, e.tookMs ?? null],
    );
}

export function sqlResponses(db: Db): ResponseStore {
  return {
    ...sqlTemplates(db),
    async create(r, resource) {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO requests (${REQUEST_COLUMNS}, room) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [
            r.id,
            r.template,
            r.title,
            r.sender,
            r.senderName,
            r.rule.kind,
            r.rule.kind === 'quorum' ? r.rule.n : null,
            JSON.stringify(r.choices),
            JSON.stringify(r.fields),
            JSON.stringify(r.audience),
            r.escalation ? JSON.stringify(r.escalation) : null,
            r.onAccept ?? null,
            r.created,
            r.expires ?? null,
            r.status,
            r.statusAt,
            r.audience.kind === 'room' ? r.audience.room : null,
          ],
        );
        await addRecipients(tx, r.id, r.recipients);
        await appendAudit(tx, r.id, creationEvents(r, resource));
      });
    },
    async get(id) {
      return (
        await load(db, await db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = $1`, [id]))
      )[0];
    },
    async change(id, decide) {
      return db.transaction(async (tx) => {
        // The lock: every writer of this request takes it first and waits here for the one before.
        const locked = await tx.query<RequestRow>(
          `UPDATE requests SET revision = revision + 1 WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
          [id],
        );
        if (!locked.length) return undefined;
        const before = (await load(tx, locked))[0]!;
        const change = decide(before);
        if (change.answer) {
          const a = change.answer;
          await tx.query(
            `INSERT INTO request_answers (request_id, jid, name, choice, at, resource) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (request_id, jid) DO UPDATE SET name = $3, choice = $4, at = $5, resource = $6`,
            [id, a.by, a.name, a.choice, a.at, a.resource],
          );
        }
        if (change.recipients) await addRecipients(tx, id, change.recipients);
        if (change.status)
          await tx.query('UPDATE requests SET status = $2, status_at = $3 WHERE id = $1', [
            id,
            change.status.status,
            change.status.at,
          ]);
        await appendAudit(tx, id, change.events);
        return { before, after: applyChange(before, change) };
      });
    },
    async list({ sender, room, openFirst, limit }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (sender) where.push(`sender = $${args.push(sender)}`);
      // The room column (migration 0020) is set for audience kind "room" only; its index answers a room with no request without reading a row.
      if (room) where.push(`room = $${args.push(room)}`);
      const open = openFirst ? OPEN_STATUSES.map((s) => `$${args.push(s)}`).join(', ') : '';
      const rows = await db.query<RequestRow>(
        `SELECT ${REQUEST_COLUMNS} FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${open ? `CASE WHEN status IN (${open}) THEN 0 ELSE 1 END, ` : ''}created_at DESC, id LIMIT $${args.push(limit)}`,
        args,
      );
      return load(db, rows);
    },
    async audit({ sender }) {
      const rows = await db.query<Row>(
        `SELECT a.request_id, r.template, r.title, r.sender, a.event, a.who, a.choice, a.at, a.resource, a.took_ms
         FROM request_audit a JOIN requests r ON r.id = a.request_id
         ${sender ? 'WHERE r.sender = $1' : ''}
         ORDER BY r.created_at, a.request_id, a.n`,
        sender ? [sender] : [],
      );
      return rows.map((x): RequestAuditRow => ({
        request: String(x.request_id),
        template: String(x.template),
        title: String(x.title),
        sender: String(x.sender),
        event: x.event as RequestAuditRow['event'],
        who: String(x.who),
        choice: String(x.choice),
        at: String(x.at),
        resource: String(x.resource),
        ...(x.took_ms === null ? {} : { tookMs: Number(x.took_ms) }),
      }));
    },
    async purge(before) {
      // ON DELETE CASCADE takes the recipients, answers and audit rows with each request.
      const rows = await db.query('DELETE FROM requests WHERE created_at < $1 RETURNING id', [before]);
      return rows.length;
    },
  };
}
