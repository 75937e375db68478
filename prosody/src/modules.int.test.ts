// Every module Bleep declares exists in the installed Prosody (Debian
// packages prosody + prosody-modules), so a typo cannot reach production.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { coreModules, disabledModules, inviteModules, knownExtraModules, mucModules, shareModule } from './modules.ts';

const DIR = '/usr/lib/prosody/modules';
const installed = (name: string) =>
  existsSync(`${DIR}/mod_${name}.lua`) ||
  existsSync(`${DIR}/mod_${name}/mod_${name}.lua`) ||
  existsSync(`${DIR}/${name}/mod_${name}.lua`);

it('finds every declared module in the Prosody install', () => {
  const all = [...coreModules, ...inviteModules, ...disabledModules, ...mucModules, shareModule, ...knownExtraModules];
  expect(all.filter((m) => !installed(m.name)).map((m) => m.name)).toEqual([]);
});

it('declares no sasl2 module and every module once', () => {
  const names = [...coreModules, ...inviteModules, ...knownExtraModules].map((m) => m.name);
  expect(names.filter((n) => n.startsWith('sasl2'))).toEqual([]);
  expect(new Set(names).size).toBe(names.length);
});
