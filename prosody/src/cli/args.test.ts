import { expect, it } from 'vitest';
import { parseArgs } from './args.ts';

it('reads settings subcommands with their KEY=VALUE edits and the hand-edit choice', () => {
  expect(parseArgs(['settings', 'apply', 'BLEEP_ADMINS=a@b.c', '--keep-hand-edits', '--config', '/etc/p.lua'])).toEqual(
    {
      ok: true,
      command: 'settings apply',
      assignments: ['BLEEP_ADMINS=a@b.c'],
      handEdits: 'keep',
      configPath: '/etc/p.lua',
    },
  );
  expect(parseArgs(['settings', 'show'])).toMatchObject({ ok: true, command: 'settings show', handEdits: 'refuse' });
});

it('refuses settings arguments that make no sense, saying which', () => {
  const error = (argv: string[]) => {
    const r = parseArgs(argv);
    return r.ok ? '' : r.error;
  };
  expect(error(['settings'])).toMatch(/settings show, settings diff, settings apply/);
  expect(error(['settings', 'show', 'A=1'])).toMatch(/takes no KEY=VALUE/);
  expect(error(['settings', 'apply', '--keep-hand-edits', '--overwrite-hand-edits'])).toMatch(/not both/);
  expect(error(['settings', 'diff', '--keep-hand-edits'])).toMatch(/only go with settings apply/);
  expect(error(['render', '--config', 'x'])).toMatch(/only go with settings/);
});

it('takes --json with the settings commands only', () => {
  expect(parseArgs(['settings', 'show', '--json'])).toMatchObject({ ok: true, command: 'settings show', json: true });
  const r = parseArgs(['validate', '--json']);
  expect(r.ok || r.error).toMatch(/only go with settings/);
});
