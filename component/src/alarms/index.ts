// Preset alarms wiring (issue #10): the presets (seeded, listed, edited by admins).
import type { Service } from '../service.ts';
import { DEFAULT_PRESETS } from './defaults.ts';
import { presetEditCommand, presetsCommand } from './preset-commands.ts';

export const alarms: Service = {
  name: 'alarms',
  register({ config, store, commands, log }) {
    commands.add(presetsCommand(store.presets));
    commands.add(presetEditCommand(store.presets, { domain: config.domain, mucHost: config.mucHost }));
    return {
      async online() {
        const added = await store.presets.seed(DEFAULT_PRESETS, new Date().toISOString());
        if (added) log.info({ added }, 'alarm presets seeded');
      },
    };
  },
};
