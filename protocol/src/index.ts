// The wire contract between component and PWA. Imports nothing.
export * from './ns.ts';
export * from './service.ts';
export * from './staff.ts';
export * from './rooms.ts';
export * from './requests.ts';
export * from './location.ts';
export * from './alarms.ts';
export * from './push.ts';
export * from './accounts.ts';
export * from './invites.ts';
export * from './settings.ts';
export * from './audit.ts';
export * from './templates.ts';
