import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import type { XmlElement } from '@xmpp/client';
import { parseWhoAmI, whoamiIq } from './codec.ts';

/** A golden stanza from protocol/fixtures, without its leading comment. */
function fixture(name: string): XmlElement {
  const text = readFileSync(new URL(`../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8');
  return parse(text.replace(/<!--[\s\S]*?-->/g, '').trim()) as XmlElement;
}

describe('whoami codec', () => {
  it('parses the golden result into a WhoAmI', () => {
    expect(parseWhoAmI(fixture('whoami-result.xml'))).toEqual({
      jid: 'dispatcher@bleep.localhost',
      name: 'Dana Reyes',
      roles: ['dispatcher'],
      department: 'Dispatch',
    });
  });

  it('builds the request the golden stanza shows', () => {
    const iq = whoamiIq('ops.bleep.localhost');
    const golden = fixture('whoami-execute.xml');
    expect(iq.attrs.type).toBe(golden.attrs.type);
    expect(iq.getChild('command')!.attrs).toEqual(golden.getChild('command')!.attrs);
  });

  it('returns an error value for an answer without the form', () => {
    expect(parseWhoAmI(fixture('error-unknown-command.xml'))).toBeInstanceOf(Error);
  });
});
