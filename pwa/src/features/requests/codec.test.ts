// The request commands from the protocol's golden stanzas: the forms rendered
// as declared and submitted back, the history table, the CSV export.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import { AUDIT_CSV_COLUMNS, FORM_REQUEST, NS_BLEEP_ERRORS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseStep, refusalText, SERVICE_AWAY, serviceAway, type CommandStep } from '../forms/command.ts';
import { initialValues, missing, submitForm } from '../forms/dataform.ts';
import { parseExport, parseRequestList, parseSent } from './codec.ts';

const step = (name: string) =>
  parseStep(
    parse(
      readFileSync(new URL(`../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8')
        .replace(/<!--[\s\S]*?-->/g, '')
        .trim(),
    ) as XmlElement,
  ) as CommandStep;

describe('the request command', () => {
  it('renders step 1 as declared: the templates, and people, role or room, prefilled from the conversation', () => {
    const s = step('request-command-form.xml');
    expect(s).toMatchObject({ node: 'request', sessionid: 's9', status: 'executing', actions: ['next'] });
    const form = s.form!;
    expect(form.formType).toBe(FORM_REQUEST);
    expect(form.fields.map((f) => [f.var, f.type, f.required])).toEqual([
      ['template', 'list-single', true],
      ['people', 'jid-multi', false],
      ['role', 'text-single', false],
      ['room', 'jid-single', false],
      ['chat', 'hidden', false],
    ]);
    expect(form.fields[0]!.options[0]).toEqual({
      value: 'accept-patient',
      label: 'Accept Patient (first to accept takes it)',
    });
    const values = initialValues(form, { people: ['doctor2@bleep.localhost'], chat: ['doctor2@bleep.localhost'] });
    expect(missing(form, values)).toEqual(['Template']);
    values.template = ['accept-patient'];
    values.people = [];
    values.role = ['anaesthesia'];
    expect(missing(form, values)).toEqual([]);
    expect(submitForm(form, values).toString()).toBe(
      '<x xmlns="jabber:x:data" type="submit">' +
        '<field var="FORM_TYPE" type="hidden"><value>urn:bleep:request:0</value></field>' +
        '<field var="template"><value>accept-patient</value></field><field var="people"/>' +
        '<field var="role"><value>anaesthesia</value></field><field var="room"/>' +
        // Hidden, carried through: the chat it is sent from (the sender's own copy is shown there).
        '<field var="chat"><value>doctor2@bleep.localhost</value></field></x>',
    );
  });

  it('step 2 is the template’s own fields; the result says what was sent', () => {
    const s = step('request-command-fields.xml');
    expect(s.actions).toEqual(['complete']);
    expect(s.form!.fields.map((f) => `${f.label}${f.required ? '*' : ''}`)).toEqual(['Patient*', 'Bed', 'Note']);
    expect(parseSent(step('request-command-sent.xml'))).toEqual({
      id: 'k3v9q2mx',
      jid: 'req-k3v9q2mx@ops.bleep.localhost',
      addressed: 2,
      note: 'Sent "Accept Patient" to 2 people.',
    });
  });

  it('a refusal reads as the component’s text', () => {
    expect(refusalText({ condition: 'forbidden', text: 'Only addressed people may answer.' }, 'x')).toBe(
      'Only addressed people may answer.',
    );
    expect(refusalText(new Error('timeout'), 'Try again.')).toBe('Try again.');
  });

  it('a command the service never got says so, whatever the refusal text would have been', () => {
    // mod_component's bounce while the component is away.
    const away = { condition: 'remote-server-timeout', text: 'Component unavailable' };
    expect(refusalText(away, 'x')).toBe(SERVICE_AWAY);
    expect(refusalText(Object.assign(new Error('no answer'), { name: 'TimeoutError' }), 'x')).toBe(SERVICE_AWAY);
    expect(SERVICE_AWAY).toMatch(/nothing was done\. Try again/);
  });

  it('the component’s `unsupported` (service-unavailable, cancel) is its answer, not absence: its text shows', () => {
    const unsupported = {
      condition: 'service-unavailable',
      type: 'cancel',
      text: 'This service does not handle that request. Use the ad-hoc commands it lists.',
      application: xml('unsupported', { xmlns: NS_BLEEP_ERRORS }),
    };
    expect(serviceAway(unsupported)).toBe(false);
    expect(refusalText(unsupported, 'x')).toBe(unsupported.text);
    // Prosody's own service-unavailable (stanza_router, no Bleep key) and the component's `starting` still are.
    expect(serviceAway({ condition: 'service-unavailable', type: 'cancel' })).toBe(true);
    const starting = {
      condition: 'service-unavailable',
      type: 'wait',
      application: xml('starting', { xmlns: NS_BLEEP_ERRORS }),
    };
    expect(serviceAway(starting)).toBe(true);
  });
});

describe('the history and the export', () => {
  it('lists each request with its status, tally and answers', () => {
    expect(parseRequestList(step('requests-result.xml'))).toEqual([
      {
        id: 'k3v9q2mx',
        jid: 'req-k3v9q2mx@ops.bleep.localhost',
        template: 'accept-patient',
        title: 'Accept Patient',
        sender: 'doctor@bleep.localhost',
        created: '2026-11-24T10:42:00.000Z',
        expires: '2026-11-24T10:57:00.000Z',
        state: {
          id: 'k3v9q2mx',
          status: 'accepted',
          addressed: 2,
          accepted: 1,
          declined: 1,
          at: '',
          answers: [
            { by: 'nurse2@bleep.localhost', name: '', choice: 'decline', at: '2026-11-24T10:43:02.000Z' },
            { by: 'anaesthetist@bleep.localhost', name: '', choice: 'accept', at: '2026-11-24T10:44:10.000Z' },
          ],
        },
      },
    ]);
    expect(parseRequestList(step('request-command-sent.xml'))).toBeInstanceOf(Error);
  });

  it('exports the CSV as sent, header first, CRLF line ends', () => {
    const csv = parseExport(step('requests-export-result.xml'));
    if (csv instanceof Error) throw csv;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(8); // header, 6 records, the final line end
    expect(lines[5]).toContain(',answered,anaesthetist@bleep.localhost,accept,');
  });
});
