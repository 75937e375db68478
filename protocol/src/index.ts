// The wire contract between component and PWA. Imports nothing.
export * from './ns.ts';
export * from './types.ts';
export * from './location.ts';
export * from './alarms.ts';
export * from './push.ts';
export * from './accounts.ts';
export * from './invites.ts';
export * from './settings.ts';
export * from './audit.ts';
export * from './templates.ts';
