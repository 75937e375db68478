export * from './settings/types.ts';
export { settingsSchema, settingsShape } from './settings/schema.ts';
export { loadSettings, parseSettings, readEnvFile, formatProblems } from './settings/load.ts';
export { validateSettings } from './settings/validate.ts';
