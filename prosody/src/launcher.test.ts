import { expect, it } from 'vitest';
import { defaultLauncher, launcherIn } from './launcher.ts';
import { renderConfig } from './render.ts';
import { settingsFrom } from './test-fixtures.ts';

it('renders where mod_bleep_settings finds the CLI, and an apply reads it back from the running config', () => {
  const launcher = {
    node: '/opt/node 24/bin/node',
    script: '/srv/blëep/prosody/src/cli.ts',
    cwd: "/srv/it's",
    env: '/x/.env',
  };
  const config = renderConfig(settingsFrom(), { launcher });
  expect(config).toContain('bleep_settings_cli = { node = "/opt/node 24/bin/node"; script = "/srv/bl\\195\\171ep');
  expect(launcherIn(config)).toEqual(launcher);
  expect(launcherIn(renderConfig(settingsFrom()))).toEqual(defaultLauncher());
  expect(launcherIn('')).toBeUndefined();
});
