// Server settings (issue #13 part 5): Prosody's admins show, preview and apply the settings an admin may change on
// a running server (prosody/src/settings/editable.ts declares the keys). The component asks Prosody's side
// (prosody/modules/mod_bleep_settings.lua), which checks, writes, runs `prosodyctl check config` and reloads.

/** The settings as they stand: a table, one row per editable key. */
export const FORM_SETTINGS = 'urn:bleep:settings:0';
/** The edit form: one field per editable key (its var is the key, e.g. BLEEP_UPLOAD_MAX_BYTES), plus hand-edits. */
export const FORM_SETTINGS_EDIT = 'urn:bleep:settings:edit:0';
/** What a preview or an apply did: changed keys, the keys that wait for a restart, the diff, hand edits. */
export const FORM_SETTINGS_RESULT = 'urn:bleep:settings:result:0';

/** XEP-0050 command nodes on ops.<domain>; Prosody's admins only. */
export const SETTINGS_COMMANDS = {
  /** Table FORM_SETTINGS: key, label, value, source, restart. */
  settings: 'settings',
  /** Form FORM_SETTINGS_EDIT → FORM_SETTINGS_RESULT: what would change, nothing written. Refusals say why. */
  settingsPreview: 'settings-preview',
  /** Form FORM_SETTINGS_EDIT → FORM_SETTINGS_RESULT: written, checked and reloaded, or rolled back saying why. */
  settingsApply: 'settings-apply',
} as const;

export const SETTINGS_FIELDS = {
  key: 'key',
  label: 'label',
  value: 'value',
  /** edited (an admin's edit), .env, or default. */
  source: 'source',
  /** 'true': Prosody takes it only at its next restart. */
  restart: 'restart',
  /** refuse (default), keep or overwrite what was edited in prosody.cfg.lua by hand. */
  handEdits: 'hand-edits',
  changed: 'changed',
  atRestart: 'at-restart',
  /** The unified diff of prosody.cfg.lua, one line per value (secrets blanked). */
  diff: 'diff',
  /** Hand edits found in prosody.cfg.lua, one per value. */
  handEditsFound: 'hand-edits-found',
} as const;

/** The edit form's fields for settings are named by their key: BLEEP_ and capitals. */
export const SETTING_KEY = /^BLEEP_[A-Z0-9_]+$/;
