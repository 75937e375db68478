// Lua literal writers for prosody.cfg.lua. Every value that comes from a
// setting goes through here, so no setting can close a string and inject Lua.
// Lua 5.x short strings: https://www.lua.org/manual/5.4/manual.html#3.1
// (A decimal escape \ddd is read greedily up to three digits, so always pad to three.)

export type LuaValue = string | number | boolean | readonly LuaValue[] | { readonly [key: string]: LuaValue };

/** Quotes a string as a Lua double-quoted literal; control and non-ASCII bytes become \ddd escapes. */
export function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += '\\' + String(byte).padStart(3, '0');
  }
  return out + '"';
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Renders a value as a Lua literal: arrays become sequences, objects become keyed tables. */
export function luaValue(value: LuaValue): string {
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Lua number`);
    return String(value);
  }
  if (Array.isArray(value)) return `{ ${value.map(luaValue).join(', ')} }`;
  const entries = Object.entries(value as Record<string, LuaValue>).map(
    ([k, v]) => `${IDENT.test(k) ? k : `[${luaString(k)}]`} = ${luaValue(v)}`,
  );
  return `{ ${entries.join('; ')} }`;
}

/** `name = value` for a top-level or host-level option; the name is ours, never a setting's. */
export function luaOption(name: string, value: LuaValue): string {
  if (!IDENT.test(name)) throw new Error(`not a Lua identifier: ${name}`);
  return `${name} = ${luaValue(value)}`;
}
