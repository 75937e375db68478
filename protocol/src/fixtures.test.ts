// The golden stanzas name what the contract declares, so a renamed node or
// field breaks here before it breaks a client.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, ERROR_KEYS, FORM_WHOAMI, NS_BLEEP_ERRORS, NS_COMMANDS, NS_DATA, WHOAMI_FIELDS } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('protocol fixtures', () => {
  it('whoami result carries every declared field under its FORM_TYPE', () => {
    const xml = fixture('whoami-result.xml');
    expect(xml).toContain(`xmlns="${NS_COMMANDS}" node="${COMMANDS.whoami}"`);
    expect(xml).toContain(`xmlns="${NS_DATA}"`);
    expect(xml).toContain(`<value>${FORM_WHOAMI}</value>`);
    for (const v of Object.values(WHOAMI_FIELDS)) expect(xml).toContain(`var="${v}"`);
  });

  it("the command list names every declared command but the admins' directory-edit and directory-audit, in order", () => {
    const nodes = [...fixture('whoami-list.xml').matchAll(/<item [^>]*node="([^"]+)"/g)].map((m) => m[1]);
    const adminOnly: string[] = [COMMANDS.directoryEdit, COMMANDS.directoryAudit];
    expect(nodes).toEqual(Object.values(COMMANDS).filter((n) => !adminOnly.includes(n)));
  });

  it('error fixtures use the Bleep error namespace and a declared key', () => {
    for (const [file, key] of [
      ['error-unknown-command.xml', 'unknown-command'],
      ['error-rate-limited.xml', 'rate-limited'],
    ] as const) {
      expect(fixture(file)).toContain(`<${key} xmlns="${NS_BLEEP_ERRORS}"/>`);
      expect(ERROR_KEYS).toContain(key);
    }
  });
});
