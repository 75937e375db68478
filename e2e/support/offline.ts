// A device going offline as it does on a ward: after the app is installed,
// its service worker active and every chunk of the shell precached (Workbox
// precaches at install; the map's code is kept when first used instead). Going offline sooner, the app cannot open a page it has not loaded
// yet (Settings, the login page); in the clean-clone CI run of 2df4e59 the
// Sign out button never appeared for that reason. That case is not what these
// tests are about.
import type { Page } from 'playwright-core';

export async function goOffline(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.context().setOffline(true);
}
