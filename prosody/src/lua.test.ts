import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { luaOption, luaString, luaValue } from './lua.ts';

/** Evaluates a Lua literal with the real interpreter Prosody uses and prints it back. */
function roundTrip(literal: string): string {
  const r = spawnSync('lua5.4', ['-e', `io.write(${literal})`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe('luaString', () => {
  it('escapes quotes and backslashes', () => {
    expect(luaString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('escapes newlines and control characters as padded decimal escapes', () => {
    expect(luaString('a\nb\r\0' + '1')).toBe('"a\\010b\\013\\0001"');
  });

  it('round-trips hostile strings through lua5.4 unchanged', () => {
    const hostile = [
      'x" ; os.execute("id") --',
      'back\\slash\\',
      'line\nbreak',
      ']]=] [[',
      'zero\x001',
      'ünï ☃',
      '\\"',
    ];
    for (const s of hostile) expect(roundTrip(luaString(s))).toBe(s);
  });

  it('cannot break out of the string into code', () => {
    const r = spawnSync('lua5.4', ['-e', `local v = ${luaString('"; error("injected") --')} io.write(type(v))`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('string');
  });
});

describe('luaValue', () => {
  it('writes arrays, nested tables, numbers and booleans', () => {
    expect(luaValue(['a', 'b'])).toBe('{ "a", "b" }');
    expect(luaValue({ levels: { min: 'info' }, 'odd-key': 1, on: true })).toBe(
      '{ levels = { min = "info" }; ["odd-key"] = 1; on = true }',
    );
  });

  it('refuses non-finite numbers and non-identifier option names', () => {
    expect(() => luaValue(Number.NaN)).toThrow(/Lua number/);
    expect(() => luaOption('a = 1 --', 'x')).toThrow(/identifier/);
  });
});
