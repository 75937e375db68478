// Every module Bleep declares exists in the installed Prosody (Debian
// packages prosody + prosody-modules), so a typo cannot reach production.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  coreModules,
  disabledModules,
  inviteModules,
  knownExtraModules,
  mucModules,
  planModules,
  shareModule,
} from './modules.ts';
import { BLEEP_MODULES_DIR } from './render.ts';

// Bleep's own modules first (plugin_paths), then the Debian ones.
const DIRS = [BLEEP_MODULES_DIR, '/usr/lib/prosody/modules'];
const installed = (name: string) =>
  DIRS.some(
    (dir) =>
      existsSync(`${dir}/mod_${name}.lua`) ||
      existsSync(`${dir}/mod_${name}/mod_${name}.lua`) ||
      existsSync(`${dir}/${name}/mod_${name}.lua`),
  );

it('finds every declared module in the Prosody install', () => {
  const all = [
    ...coreModules,
    ...inviteModules,
    ...disabledModules,
    ...mucModules,
    ...planModules,
    shareModule,
    ...knownExtraModules,
  ];
  expect(all.filter((m) => !installed(m.name)).map((m) => m.name)).toEqual([]);
});

it('declares every module once, and neither SASL2 module that 0.12.3 cannot run', () => {
  const names = [...coreModules, ...inviteModules, ...knownExtraModules].map((m) => m.name);
  expect(names).not.toContain('sasl2_sm');
  expect(names).not.toContain('sasl2_bind2');
  expect(new Set(names).size).toBe(names.length);
});
