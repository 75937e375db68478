// The golden stanzas name what the contract declares, so a renamed node or
// field breaks here before it breaks a client.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALARM_COMMANDS,
  AUDIT_CSV_COLUMNS,
  COMMANDS,
  ERROR_KEYS,
  FORM_REQUEST,
  FORM_REQUEST_FIELDS,
  FORM_REQUEST_SENT,
  FORM_REQUESTS,
  FORM_REQUESTS_EXPORT,
  LOCATION_COMMANDS,
  NS_ALARM,
  FORM_WHOAMI,
  NS_BLEEP_ERRORS,
  NS_COMMANDS,
  NS_DATA,
  NS_QUICK_RESPONSE,
  NS_REQUEST,
  PUSH_COMMANDS,
  REQUEST_FIELDS,
  TEMPLATE_COMMANDS,
  REQUEST_SENT_FIELDS,
  REQUEST_STATUSES,
  REQUESTS_FIELDS,
  RULE_KINDS,
  WHOAMI_FIELDS,
  type AlarmPayload,
} from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('protocol fixtures', () => {
  it('whoami result carries every declared field under its FORM_TYPE', () => {
    const xml = fixture('whoami-result.xml');
    expect(xml).toContain(`xmlns="${NS_COMMANDS}" node="${COMMANDS.whoami}"`);
    expect(xml).toContain(`xmlns="${NS_DATA}"`);
    expect(xml).toContain(`<value>${FORM_WHOAMI}</value>`);
    for (const v of Object.values(WHOAMI_FIELDS)) expect(xml).toContain(`var="${v}"`);
  });

  it("the command list names every declared command but the admins' ones, in order", () => {
    const nodes = [...fixture('whoami-list.xml').matchAll(/<item [^>]*node="([^"]+)"/g)].map((m) => m[1]);
    const adminOnly: string[] = [
      COMMANDS.directoryEdit,
      COMMANDS.directoryDelete,
      COMMANDS.directoryRenameDepartment,
      COMMANDS.directoryRenameRole,
      COMMANDS.directoryDeleteRole,
      COMMANDS.directoryAudit,
      LOCATION_COMMANDS.siteEdit,
      ALARM_COMMANDS.alarmPresetEdit,
      TEMPLATE_COMMANDS.templateEdit,
      TEMPLATE_COMMANDS.templateDelete,
    ];
    expect(nodes).toEqual(
      [
        ...Object.values(COMMANDS),
        ...Object.values(TEMPLATE_COMMANDS),
        LOCATION_COMMANDS.site,
        LOCATION_COMMANDS.dutyExtend,
        ...Object.values(ALARM_COMMANDS),
        ...Object.values(PUSH_COMMANDS),
      ].filter((n) => !adminOnly.includes(n)),
    );
  });

  it('error fixtures use the Bleep error namespace and a declared key', () => {
    for (const [file, key] of [
      ['error-unknown-command.xml', 'unknown-command'],
      ['error-rate-limited.xml', 'rate-limited'],
      ['request-error-closed.xml', 'request-closed'],
      ['request-error-unknown-choice.xml', 'unknown-choice'],
    ] as const) {
      expect(fixture(file)).toContain(`<${key} xmlns="${NS_BLEEP_ERRORS}"/>`);
      expect(ERROR_KEYS).toContain(key);
    }
  });

  it('a request carries buttons, the Bleep payload with a declared rule and status, and a body any client can answer', () => {
    for (const file of ['request-message.xml', 'request-message-own.xml', 'request-quorum-room.xml']) {
      const xml = fixture(file);
      const buttons = [...xml.matchAll(new RegExp(`<response xmlns="${NS_QUICK_RESPONSE}" value="([^"]+)"`, 'g'))];
      const choices = [...xml.matchAll(/<choice value="([^"]+)"/g)];
      expect(buttons.map((m) => m[1])).toEqual(choices.map((m) => m[1]));
      expect(xml).toContain(`<request xmlns="${NS_REQUEST}"`);
      expect(xml).toMatch(/Reply .*1 = /);
      expect(RULE_KINDS).toContain(/ rule="([^"]+)"/.exec(xml)![1]);
      expect(REQUEST_STATUSES).toContain(/<state [^>]*status="([^"]+)"/.exec(xml)![1]);
      const id = /<request [^>]* id="([^"]+)"/.exec(xml)![1];
      expect(xml).toContain(`jid="req-${id}@ops.bleep.localhost"`);
    }
  });

  it('an answer and a live state name the request namespace', () => {
    expect(fixture('request-answer.xml')).toContain(`<answer xmlns="${NS_REQUEST}" choice="accept"/>`);
    expect(fixture('request-answer-text.xml')).not.toContain(NS_REQUEST);
    expect(fixture('request-state.xml')).toContain(`<state xmlns="${NS_REQUEST}"`);
  });

  it('the request command forms carry their FORM_TYPEs and every declared field', () => {
    const form = fixture('request-command-form.xml');
    expect(form).toContain(`<value>${FORM_REQUEST}</value>`);
    for (const v of Object.values(REQUEST_FIELDS)) expect(form).toContain(`var="${v}"`);
    expect(fixture('request-command-fields.xml')).toContain(`<value>${FORM_REQUEST_FIELDS}</value>`);
    const sent = fixture('request-command-sent.xml');
    expect(sent).toContain(`<value>${FORM_REQUEST_SENT}</value>`);
    for (const v of Object.values(REQUEST_SENT_FIELDS)) expect(sent).toContain(`var="${v}"`);
    const list = fixture('requests-result.xml');
    expect(list).toContain(`node="${COMMANDS.requests}"`);
    expect(list).toContain(`<value>${FORM_REQUESTS}</value>`);
    for (const v of Object.values(REQUESTS_FIELDS)) expect(list).toContain(`<field var="${v}" label=`);
    const csv = fixture('requests-export-result.xml');
    expect(csv).toContain(`<value>${FORM_REQUESTS_EXPORT}</value>`);
    expect(csv).toContain(`<value>${AUDIT_CSV_COLUMNS.join(',')}</value>`);
  });

  it('the alarm carries every AlarmPayload attribute in the alarm namespace, and nothing the stanza or the preset says, beside a body any client shows, in the room’s invitation from the component', () => {
    const xml = fixture('alarm-message.xml');
    const alarm = /<alarm xmlns="([^"]+)"([^>]*)\/>/.exec(xml)!;
    expect(alarm[1]).toBe(NS_ALARM);
    const attrs = [...alarm[2]!.matchAll(/ ([a-z-]+)="/g)].map((m) => m[1]);
    const payload: Record<keyof AlarmPayload, string> = {
      incident: '',
      preset: '',
      name: '',
      request: '',
      location: '',
      bed: '',
      note: '',
      trigger: '',
      triggerName: 'trigger-name',
      at: '',
    };
    expect(attrs).toEqual(Object.entries(payload).map(([k, v]) => v || k));
    expect(alarm[2]).toContain(' request="x2c4h7ba"');
    expect(xml).not.toContain('urn:xmpp:hints');
    expect(xml).toMatch(/from="alarm-k3v7q2ma@conference\.bleep\.localhost"/);
    expect(xml).toMatch(/<invite from="ops\.bleep\.localhost"><reason>Code Blue · Ward 3, bed 4 · 10:42<\/reason>/);
    expect(xml).toMatch(/<x xmlns="jabber:x:conference" jid="alarm-k3v7q2ma@conference\.bleep\.localhost"\/>/);
    expect(xml).toMatch(/<body>CODE BLUE/);
    // The form before it, as archives still hold it, keeps every attribute the readers take from it.
    const old = fixture('alarm-message-old.xml');
    for (const a of ['room', 'colour', 'icon', 'severity', 'request="req-']) expect(old).toContain(` ${a}`);
  });
});
