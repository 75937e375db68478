// alarm-presets (every staff member: what can be triggered, for any client)
// and alarm-preset-edit (admins): the preset is read from the form, checked
// (validate.ts), saved with its audit record in one transaction. A refused
// edit changes nothing and says every reason.
import { randomUUID } from 'node:crypto';
import { ALARM_COMMANDS, PRESET_FIELDS as F } from '@bleep/protocol';
import type { PresetStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import { PRESET_FORM, PRESET_ID_FORM, PRESETS_TABLE, presetFromValues, presetValues } from './preset-form.ts';
import { presetProblems, type PresetContext } from './validate.ts';

export function presetsCommand(presets: PresetStore): Command {
  return {
    node: ALARM_COMMANDS.alarmPresets,
    name: 'Alarm presets',
    permission: 'staff',
    run: async () => ({ kind: 'done', form: PRESETS_TABLE, rows: (await presets.list()).map(presetValues) }),
  };
}

export function presetEditCommand(presets: PresetStore, ctx: PresetContext): Command {
  return {
    node: ALARM_COMMANDS.alarmPresetEdit,
    name: 'Edit an alarm preset',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: PRESET_ID_FORM };
      if (step === 1) {
        const id = String(input![F.id]).toLowerCase();
        const stored = await presets.get(id);
        return { kind: 'form', form: PRESET_FORM, values: stored ? presetValues(stored) : { [F.id]: id }, last: true };
      }
      const { preset, problems } = presetFromValues(input!);
      problems.push(...presetProblems(preset, ctx));
      if (problems.length) throw new BleepError('bad-form', `The preset has problems: ${problems.join('; ')}.`);
      const meta = {
        id: randomUUID(),
        at: new Date().toISOString(),
        actor: caller.bare,
        action: ALARM_COMMANDS.alarmPresetEdit,
      };
      const { before } = await presets.edit(preset, meta);
      return { kind: 'done', note: `${before ? 'Saved' : 'Added'} the preset ${preset.name}.` };
    },
  };
}
