import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripConsole } from './quiet-logs.ts';

const LIBS = join(import.meta.dirname, '../../../../node_modules/@privacyresearch');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && f.name.endsWith('.js'))
    .map((f) => join(f.parentPath, f.name));
}

describe('no crypto logging in production builds', () => {
  it('leaves no console call in the Signal library, its curve or its protobuf code', () => {
    const all = files(LIBS);
    const logging = all.filter((f) => /\bconsole\.\w+\(/.test(readFileSync(f, 'utf8')));
    // The library does log (a session object on a missing chain): the strip has something to do.
    expect(logging.some((f) => f.endsWith('session-cipher.js'))).toBe(true);
    for (const f of all)
      expect(stripConsole(readFileSync(f, 'utf8'))).not.toMatch(/\bconsole\.(log|warn|info|debug|error|trace)\(/);
  });
});
