// What the map specs start with (issue #9): one stack, one Chromium with three
// people who may share their location (playwright's geolocation emulation),
// signed in: a dispatcher, a doctor and a nurse standing apart outdoors.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openContexts } from './browser.ts';
import { signIn } from './sign-in.ts';
import { startTestStack, type TestStack } from './stack.ts';

export const DOCTOR_AT = { latitude: 52.001, longitude: 4.361, accuracy: 12 };
export const NURSE_AT = { latitude: 52.0036, longitude: 4.3665, accuracy: 6 };

export interface MapPeople {
  readonly stack: TestStack;
  /** The dispatcher's, the doctor's and the nurse's browser, in that order. */
  readonly contexts: readonly BrowserContext[];
  readonly dispatcher: Page;
  readonly doctor: Page;
  readonly nurse: Page;
  close(): Promise<void>;
}

/** `watch`: listeners to attach before anyone signs in (to see every frame and request). */
export async function startMapPeople(watch?: (p: Omit<MapPeople, 'close'>) => void): Promise<MapPeople> {
  const stack = await startTestStack();
  const { contexts, close } = await openContexts(stack.settings.tls.cert, 3);
  for (const c of contexts) await c.grantPermissions(['geolocation'], { origin: stack.url });
  await contexts[1]!.setGeolocation(DOCTOR_AT);
  await contexts[2]!.setGeolocation(NURSE_AT);
  const [dispatcher, doctor, nurse] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  const people = { stack, contexts, dispatcher, doctor, nurse };
  watch?.(people);
  for (const [page, user] of [
    [dispatcher, 'dispatcher'],
    [doctor, 'doctor1'],
    [nurse, 'nurse'],
  ] as const)
    await signIn(page, stack, user);
  return {
    ...people,
    async close() {
      await close();
      await stack.close();
    },
  };
}

/** The switch in the top bar; waits until the device's GPS position is shared. */
export async function goOnDuty(page: Page): Promise<void> {
  await page.getByTestId('duty-toggle').check();
  // waitFor, not expect.poll: this runs in beforeAll too, where vitest allows no expect.poll.
  await page
    .getByTestId('location-chip')
    .filter({ hasText: /^GPS ±/ })
    .waitFor({ timeout: 10_000 });
}

/** Two taps from the home page: the location chip, then the building (floor and room follow): ICU upstairs. */
export async function shareIcu(page: Page): Promise<void> {
  await page.getByTestId('location-chip').click();
  await page.getByTestId('where-building-north').click();
  await page.getByTestId('where-floor-n1').click();
  await page.getByTestId('where-room-n1-3').click();
  await page
    .getByTestId('where-saved')
    .filter({ hasText: /^Dispatchers now see you in ICU\.$/ })
    .waitFor({ timeout: 5_000 });
}

/** A person's marker on the dispatcher's map. */
export const marker = (dispatcher: Page, jid: string) =>
  dispatcher.locator(`[data-testid="map-marker"][data-jid="${jid}"]`);

/** Where a marker is drawn; waits while it is out of view (re-clustered once a second, marker-moves.ts). */
export async function centre(dispatcher: Page, jid: string): Promise<{ x: number; y: number }> {
  let b: { x: number; y: number; width: number; height: number } | null = null;
  await expect.poll(async () => (b = await marker(dispatcher, jid).boundingBox()), { timeout: 10_000 }).not.toBeNull();
  return { x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 };
}
