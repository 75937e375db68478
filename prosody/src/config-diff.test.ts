import { expect, it } from 'vitest';
import { configDiff } from './config-diff.ts';
import { renderConfig } from './render.ts';
import { settingsFrom } from './test-fixtures.ts';

it('previews an upload limit change as the one changed line of prosody.cfg.lua, secrets hidden', () => {
  const before = renderConfig(
    settingsFrom({ BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: 'postgres://p:dbpass@db:5432/p' }),
  );
  const after = renderConfig(
    settingsFrom({
      BLEEP_STORAGE: 'postgres',
      BLEEP_DATABASE_URL: 'postgres://p:dbpass@db:5432/p',
      BLEEP_UPLOAD_MAX_BYTES: '52428800',
    }),
  );
  const diff = configDiff(before, after);
  expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
    '-  http_file_share_size_limit = 104857600',
    '+  http_file_share_size_limit = 52428800',
  ]);
  expect(configDiff(before, before)).toBe('');
  // The component secret sits next to the upload options; neither it nor the database password is shown.
  const admins = configDiff(before, after.replace('a-very-long', 'b-very-long').replace('dbpass', 'other'));
  expect(admins).not.toMatch(/very-long|dbpass|other/);
});
