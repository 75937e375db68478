import { NS_DATA } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { MAX_FIELDS, parseSubmit, renderForm, type FormDef } from './dataform.ts';
import { xml } from './xml.ts';

const FORM: FormDef = {
  formType: 'urn:test:page:0',
  title: 'Page a colleague',
  instructions: 'Who and why',
  fields: [
    { var: 'to', type: 'jid-single', label: 'Colleague', required: true },
    { var: 'reason', type: 'text-single', label: 'Reason', maxLength: 20 },
    {
      var: 'urgency',
      type: 'list-single',
      label: 'Urgency',
      options: [
        { value: 'now', label: 'Now' },
        { value: 'soon', label: 'Soon' },
      ],
    },
    { var: 'wards', type: 'list-multi', label: 'Wards' },
    { var: 'callback', type: 'boolean', label: 'Call back' },
  ],
};

const submit = (fields: Record<string, string[]>, formType = FORM.formType) =>
  xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE' }, xml('value', {}, formType)),
    ...Object.entries(fields).map(([v, vals]) => xml('field', { var: v }, ...vals.map((x) => xml('value', {}, x)))),
  );

describe('data forms: one declaration renders and validates', () => {
  it('renders a form with FORM_TYPE, labels, required markers and options', () => {
    const x = renderForm(FORM, 'form');
    expect(x.attrs).toMatchObject({ xmlns: NS_DATA, type: 'form' });
    expect(x.getChildText('title')).toBe('Page a colleague');
    const fields = x.getChildren('field');
    expect(fields[0]!.attrs).toMatchObject({ var: 'FORM_TYPE', type: 'hidden' });
    expect(fields[0]!.getChildText('value')).toBe(FORM.formType);
    expect(fields[1]!.getChild('required')).toBeDefined();
    expect(fields[3]!.getChildren('option').map((o) => o.getChildText('value'))).toEqual(['now', 'soon']);
  });

  it('renders a result with one <value/> per list item and no options', () => {
    const x = renderForm(FORM, 'result', { to: 'a@h', wards: ['3A', '4B'], callback: true });
    const wards = x.getChildren('field').find((f) => f.attrs.var === 'wards')!;
    expect(wards.getChildren('value').map((v) => v.text())).toEqual(['3A', '4B']);
    expect(
      x
        .getChildren('field')
        .find((f) => f.attrs.var === 'callback')!
        .getChildText('value'),
    ).toBe('true');
    expect(x.getChildren('field').some((f) => f.getChild('option'))).toBe(false);
  });

  it('parses a good submission into typed values', () => {
    const r = parseSubmit(
      FORM,
      submit({ to: ['doc@h.example'], urgency: ['now'], wards: ['3A', '4B'], callback: ['1'] }),
    );
    expect(r).toEqual({
      ok: true,
      values: { to: 'doc@h.example', urgency: 'now', wards: ['3A', '4B'], callback: true },
    });
  });

  it('reads a field sent empty as cleared where the form says so, and as left out elsewhere', () => {
    const form: FormDef = {
      ...FORM,
      fields: [...FORM.fields, { var: 'note', type: 'text-single', label: 'Note', emptyIsValue: true }],
    };
    const r = parseSubmit(form, submit({ to: ['doc@h.example'], reason: [], note: [] }));
    expect(r).toEqual({ ok: true, values: { to: 'doc@h.example', note: '' } });
    // Not sent at all: nothing to say about it.
    expect(parseSubmit(form, submit({ to: ['doc@h.example'] }))).toEqual({ ok: true, values: { to: 'doc@h.example' } });
  });

  it('lists every problem of a bad submission at once', () => {
    const r = parseSubmit(FORM, submit({ reason: ['x'.repeat(21)], urgency: ['later'], callback: ['maybe'] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'Colleague is required.',
      'Reason is longer than 20 characters.',
      'Urgency: choose one of Now, Soon.',
      'Call back must be true or false.',
    ]);
  });

  it('refuses a malformed address, two values for a single field, and another form', () => {
    const r = parseSubmit(FORM, submit({ to: ['not an address', 'x@y'] }));
    expect(r.ok || r.problems).toEqual([
      'Colleague takes one value.',
      'Colleague must be an address like name@hospital.',
    ]);
    expect(parseSubmit(FORM, submit({ to: ['a@h'] }, 'urn:other')).ok).toBe(false);
    expect(parseSubmit(FORM, undefined).ok).toBe(false);
    expect(parseSubmit(FORM, xml('x', { xmlns: NS_DATA, type: 'form' })).ok).toBe(false);
  });

  it('refuses more values than a multi field takes, and more fields than any form has, saying the limit', () => {
    const many = Array.from({ length: 51 }, (_, i) => `w${i}`);
    expect(parseSubmit(FORM, submit({ to: ['a@h'], wards: many.slice(0, 50) })).ok).toBe(true);
    const r = parseSubmit(FORM, submit({ to: ['a@h'], wards: many }));
    expect(r.ok || r.problems).toEqual(['Wards takes at most 50 values; 51 were sent. Send fewer.']);
    const capped = parseSubmit(
      { ...FORM, fields: [{ var: 'wards', type: 'text-multi', label: 'Wards', maxValues: 2 }] },
      submit({ wards: ['a', 'b', 'c'] }),
    );
    expect(capped.ok || capped.problems).toEqual(['Wards takes at most 2 values; 3 were sent. Send fewer.']);
    const fields = Object.fromEntries(Array.from({ length: MAX_FIELDS }, (_, i) => [`f${i}`, ['x']]));
    const wide = parseSubmit(FORM, submit({ to: ['a@h'], ...fields }));
    expect(wide.ok || wide.problems).toEqual([
      `The form sent has ${MAX_FIELDS + 2} fields; a form may have at most ${MAX_FIELDS}. Send only the fields of "Page a colleague".`,
    ]);
  });
});
