// The request command's forms, rendered from the seeded templates, are the golden ones clients are written against.
import { NS_DATA } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { canon, fixture } from '../test-fixtures.ts';
import { renderForm } from '../xmpp/dataform.ts';
import { fieldsForm, requestForm } from './forms.ts';
import { DEFAULT_TEMPLATES } from './templates.ts';

const formOf = (name: string) => fixture(name).getChild('command')!.getChild('x', NS_DATA)!;

describe('request command forms', () => {
  it('step 1 lists the seeded templates as request-command-form.xml', () => {
    expect(canon(renderForm(requestForm(DEFAULT_TEMPLATES), 'form'))).toEqual(
      canon(formOf('request-command-form.xml')),
    );
  });

  it("step 2 is the template's own fields, as request-command-fields.xml for Accept Patient", () => {
    expect(canon(renderForm(fieldsForm(DEFAULT_TEMPLATES[0]!), 'form'))).toEqual(
      canon(formOf('request-command-fields.xml')),
    );
  });
});
