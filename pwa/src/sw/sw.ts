// Bleep's service worker: a table of contents, no logic. Built by
// vite-plugin-pwa (injectManifest) to /sw.js, the URL installed workers
// update from, so this entry keeps that name.
import { installMapCache } from './map-cache.ts';
import { installMediaCache } from './media-cache.ts';
import { installPrecache } from './precache.ts';
import { installPush } from './push.ts';
import { installUpdate } from './update.ts';

declare const self: ServiceWorkerGlobalScope;

// The build replaces self.__WB_MANIFEST (these exact words) with the shell's files and their revisions.
installPrecache(self.__WB_MANIFEST);
installUpdate(self);
installMediaCache(self);
installMapCache(self);
installPush(self);
