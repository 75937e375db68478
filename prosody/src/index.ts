// @bleep/prosody-config: the Bleep settings and everything that turns them
// into a Prosody config. The runner (starting a real Prosody) is exported
// separately as @bleep/prosody-config/runner.
export * from './settings/types.ts';
export { settingsSchema, settingsShape, UPLOAD_CEILING_BYTES } from './settings/schema.ts';
export { loadSettings, parseSettings, readEnvFile, formatProblems } from './settings/load.ts';
export { validateSettings, rules as settingsRules } from './settings/validate.ts';
export { renderReadiness } from './settings/ready.ts';
export { editableSettings, restartKeys, type EditableSetting } from './settings/editable.ts';
export { isTileUrl, tileOrigin } from './settings/map-tiles.ts';
export { PLAN_MAX_BYTES, PLAN_PATH } from './plans.ts';
export { renderConfig, CONFIG_FILE, LOG_FILE, PID_FILE, type RenderOptions } from './render.ts';
export {
  coreModules,
  inviteModules,
  disabledModules,
  mucModules,
  shareModule,
  knownExtraModules,
  refusedModules,
  enabledModules,
  isKnownExtraModule,
  type ModuleDecl,
} from './modules.ts';
export { parsePostgresUrl, sqlConfig, type SqlConfig } from './storage.ts';
export { luaString, luaValue } from './lua.ts';
