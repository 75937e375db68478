// xmpp.js is pinned to one exact release: Bleep patches its internals
// (pwa/src/xmpp/resumable.ts replaces disconnect(), pwa/src/xmpp/revoke.ts
// wraps fast.auth, component/src/xmpp/accept.ts speaks XEP-0114 on
// @xmpp/connection-tcp), and a patch release may change what they rely on
// without a word. Move to a new release on purpose, and test the patches then.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8')) as Record<string, unknown>;
const EXACT = /^\d+\.\d+\.\d+$/;
const WHY =
  'Bleep patches xmpp.js internals (resumable.ts, revoke.ts, accept.ts): pin every @xmpp/* to one exact version';

const manifests = ['package.json', ...(read('package.json').workspaces as string[]).map((w) => `${w}/package.json`)];
const ranges = manifests.flatMap((path) => {
  const pkg = read(path) as Record<string, Record<string, string> | undefined>;
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) =>
    Object.entries(pkg[field] ?? {})
      .filter(([name]) => name.startsWith('@xmpp/'))
      .map(([name, range]) => ({ where: `${path} ${field} ${name}`, range })),
  );
});

describe('xmpp.js', () => {
  it('is named at an exact version by every workspace, the same one everywhere', () => {
    expect(ranges.length).toBeGreaterThan(0);
    for (const { where, range } of ranges) expect(range, `${where} is "${range}". ${WHY}`).toMatch(EXACT);
    expect(new Set(ranges.map((r) => r.range)).size, WHY).toBe(1);
  });

  it('is installed at that version for every @xmpp/* package, the internals included (package-lock.json)', () => {
    const version = ranges[0]!.range;
    const lock = read('package-lock.json').packages as Record<string, { version?: string }>;
    const installed = Object.entries(lock).filter(([path]) => /(^|\/)node_modules\/@xmpp\//.test(path));
    expect(installed.length).toBeGreaterThan(ranges.length);
    for (const [path, entry] of installed)
      expect(entry.version, `${path} in package-lock.json. ${WHY}; run npm install`).toBe(version);
  });
});
