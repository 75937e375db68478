// alarm-presets (every staff member: what can be triggered, for any client)
// and alarm-preset-edit (admins; xmpp/edit-command.ts): the preset is read
// from the form, checked (validate.ts), saved with its audit record in one
// transaction. A refused edit changes nothing and says every reason.
import { ALARM_COMMANDS, PRESET_FIELDS as F } from '@bleep/protocol';
import type { PresetStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { editCommand } from '../xmpp/edit-command.ts';
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
  return editCommand({
    node: ALARM_COMMANDS.alarmPresetEdit,
    name: 'Edit an alarm preset',
    noun: 'preset',
    idForm: PRESET_ID_FORM,
    idVar: F.id,
    form: PRESET_FORM,
    load: async (id) => {
      const stored = await presets.get(id);
      return stored ? presetValues(stored) : { [F.id]: id };
    },
    read: async (values) => {
      const { preset, problems } = presetFromValues(values);
      return { value: preset, problems: [...problems, ...presetProblems(preset, ctx)] };
    },
    save: (p, audit) => presets.edit(p, audit),
    label: (p) => p.name,
  });
}
