// Admin → Alarm presets (issue #13 part 4): alarm-presets lists them,
// alarm-preset-edit opens one (record-editor.ts).
import { ALARM_COMMANDS, PRESET_FIELDS as F } from '@bleep/protocol';
import { defineRecordEditor, type RecordRow } from './record-editor.ts';

export type PresetRow = RecordRow;

export const usePresetEditor = defineRecordEditor('admin-presets', {
  list: ALARM_COMMANDS.alarmPresets,
  edit: ALARM_COMMANDS.alarmPresetEdit,
  idVar: F.id,
  noun: 'preset',
});
