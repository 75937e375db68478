// Quick responses (issue #8) wiring: the request, requests and
// requests-export commands, templates, template-edit and template-delete (issue #13), answers
// to req-<id>@ops.<domain> or typed in the request's room, and the persisted timers. The rules and tallies live in responses/.
import {
  COMMANDS,
  NS_REQUEST,
  PUSH_ANSWER_PATH,
  REQUEST_FIELDS as F,
  REQUEST_SENT_FIELDS as S,
  REQUESTS_EXPORT_FIELDS as X,
} from '@bleep/protocol';
import type { Service } from '../service.ts';
import { parseAnswer } from '../responses/codec.ts';
import { BARE_JID } from '../xmpp/dataform.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import { takeAnswer } from './answer.ts';
import type { AudienceInput } from './audience.ts';
import { auditCsv, requestRow } from './export.ts';
import { EXPORT_FORM, fieldsForm, requestForm, REQUESTS_TABLE, SENT_FORM } from './forms.ts';
import { Notify } from './notify.ts';
import { pushAnswer } from './push-answer.ts';
import { roomAnswer } from './room-answer.ts';
import { sendRequest } from './send.ts';
import { templateEditCommand, templatesCommand } from './template-commands.ts';
import { templateDeleteCommand } from './template-delete.ts';
import { DEFAULT_TEMPLATES } from './templates.ts';
import { registerTimers } from './timers.ts';

const LIST_LIMIT = 50;

function audienceOf(input: Readonly<Record<string, unknown>>): AudienceInput {
  const people = (input[F.people] as readonly string[] | undefined) ?? [];
  const role = input[F.role] as string | undefined;
  const room = input[F.room] as string | undefined;
  const given = [people.length > 0, !!role, !!room].filter(Boolean).length;
  if (given !== 1) throw new BleepError('bad-form', 'Ask exactly one of: people, a role, or a room.');
  if (role) return { kind: 'role', role: role.toLowerCase() };
  if (room) return { kind: 'room', room: room.toLowerCase() };
  return { kind: 'people', jids: people };
}

/** The hidden `chat` field: the person's chat it is sent from, named in the sender's own copy. */
function chatOf(input: Readonly<Record<string, unknown>>, domain: string): string | undefined {
  const chat = (input[F.chat] as string | undefined)?.toLowerCase();
  if (chat && !BARE_JID.test(chat)) throw new BleepError('bad-form', `${quote(chat)} is not a chat address.`);
  if (chat && !chat.endsWith(`@${domain}`))
    throw new BleepError('bad-form', `${quote(chat)} is not a chat with an account of ${domain}.`);
  return chat;
}

export const requests: Service = {
  name: 'requests',
  // XEP-0030: a client learns here that ops.<domain> takes quick-response answers.
  features: [NS_REQUEST],
  register({ config, store, authz, router, commands, scheduler, muc, send, answers, http, log }) {
    const notify = new Notify({ opsHost: config.opsHost, send, muc, current: (id) => store.responses.get(id) });
    const deps = { config, store, muc, scheduler, notify };
    const timers = registerTimers({
      store,
      scheduler,
      notify,
      opsHost: config.opsHost,
      auditDays: config.requestAuditDays,
      log,
    });

    const answerDeps = { store, muc, notify, answers, log };
    // The same path from a push notification's button (issue #12).
    http.post(PUSH_ANSWER_PATH, pushAnswer({ ...answerDeps, authz, config }));

    router.address({ prefix: 'req-' }, async (caller, stanza, local) => {
      await authz.require(caller, 'staff', 'answer a request');
      await takeAnswer(answerDeps, caller, local, (r) => parseAnswer(stanza, r));
    });

    // The same path from a "1" typed in the room the request or alarm was posted in.
    router.roomMessage(roomAnswer({ ...answerDeps, authz, opsHost: config.opsHost, mucHost: config.mucHost, send }));

    commands.add({
      node: COMMANDS.request,
      name: 'Send a request',
      permission: 'staff',
      run: async ({ caller, step, data, input }) => {
        const templates = await store.responses.templates();
        if (step === 0) return { kind: 'form', form: requestForm(templates) };
        if (step === 1) {
          const t = templates.find((x) => x.id === input?.[F.template]);
          if (!t)
            throw new BleepError('unknown-template', `There is no template ${quote(String(input?.[F.template]))}.`);
          data.template = t.id;
          data.to = audienceOf(input ?? {});
          data.chat = chatOf(input ?? {}, config.domain);
          return { kind: 'form', form: fieldsForm(t), last: true };
        }
        const t = templates.find((x) => x.id === data.template);
        if (!t) throw new BleepError('unknown-template');
        const values = Object.fromEntries(Object.entries(input ?? {}).map(([k, v]) => [k, String(v)]));
        const r = await sendRequest(deps, caller, t, data.to as AudienceInput, values);
        notify.own(r, data.chat as string | undefined);
        const n = r.recipients.length;
        return {
          kind: 'done',
          note: `Sent "${r.title}" to ${n} ${n === 1 ? 'person' : 'people'}.`,
          form: SENT_FORM,
          values: { [S.id]: r.id, [S.jid]: `req-${r.id}@${config.opsHost}`, [S.addressed]: String(n) },
        };
      },
    });

    commands.add({
      node: COMMANDS.requests,
      name: 'My requests',
      permission: 'staff',
      run: async ({ caller }) => {
        const all = await authz.holds(caller, 'directory-admin');
        const list = await store.responses.list({ ...(all ? {} : { sender: caller.bare }), limit: LIST_LIMIT });
        return { kind: 'done', form: REQUESTS_TABLE, rows: list.map((r) => requestRow(r, config.opsHost)) };
      },
    });

    commands.add({
      node: COMMANDS.requestsExport,
      name: 'Export requests (CSV)',
      permission: 'staff',
      run: async ({ caller }) => {
        const all = await authz.holds(caller, 'directory-admin');
        const rows = await store.responses.audit(all ? {} : { sender: caller.bare });
        return { kind: 'done', form: EXPORT_FORM, values: { [X.csv]: auditCsv(rows) } };
      },
    });

    commands.add(templatesCommand(store.responses));
    commands.add(
      templateEditCommand(store.responses, { domain: config.domain, roleHeld: (r) => store.directory.roleHeld(r) }),
    );
    commands.add(templateDeleteCommand(store.responses));

    return {
      async online() {
        await store.responses.addTemplates(DEFAULT_TEMPLATES);
        await timers.online();
      },
    };
  },
};
