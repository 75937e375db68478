// Server settings (issue #13 part 5): Prosody's admins show, preview and apply them from any client or the PWA;
// Prosody's side does the work (prosody.ts ↔ prosody/modules/mod_bleep_settings.lua).
import type { Service } from '../service.ts';
import { settingsCommands } from './commands.ts';
import { ProsodySettings } from './prosody.ts';

export const settingsService: Service = {
  name: 'settings',
  register({ config, store, commands, iq }) {
    for (const c of settingsCommands(new ProsodySettings(iq, config.domain), store.audit)) commands.add(c);
  },
};
