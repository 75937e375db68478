// A page whose code has not reached this device cannot open: its lazy chunk
// fails to load. That happens offline before the service worker has cached
// the app (the first visit), or after an update replaced the chunk's file
// name while this tab still runs the old version. Vue Router then stays on
// the current page without a word (https://router.vuejs.org/api/interfaces/Router.html#onError),
// so the person taps again and again. Here it says why, or, online, loads
// the new version of the app at the page asked for (once: a second failure
// is shown, never a reload loop).
import { ref } from 'vue';
import type { Router } from 'vue-router';

export const pageLoadError = ref('');

const RELOADED = 'bleep:page-load-reload';

export const OFFLINE_TEXT =
  'This page is not on this device yet and you are offline. It opens once you are back online.';
export const FAILED_TEXT = 'This page could not be loaded. Check the connection, then reload the app.';

// Chromium, Firefox and Safari word a failed dynamic import differently.
function isChunkError(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
    text,
  );
}

export interface PageLoadEnv {
  online(): boolean;
  reload(path: string): void;
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export function watchPageLoads(router: Router, env: PageLoadEnv): void {
  router.onError((err, to) => {
    if (!isChunkError(err)) return;
    if (!env.online()) {
      pageLoadError.value = OFFLINE_TEXT;
    } else if (env.session.getItem(RELOADED) !== to.fullPath) {
      env.session.setItem(RELOADED, to.fullPath);
      env.reload(to.fullPath);
    } else {
      pageLoadError.value = FAILED_TEXT;
    }
  });
  router.afterEach((_to, _from, failure) => {
    if (failure) return;
    pageLoadError.value = '';
    env.session.removeItem(RELOADED);
  });
}
