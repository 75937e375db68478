// Issue #9 in Chromium, where staff are: on duty they share their position
// (playwright's geolocation emulation) and the dispatcher sees their markers
// move and gather; a room picked indoors shows on its floor; outdoor tiles only
// when the server names a tile server; a nurse who opens the map's address is
// refused, no location and no map code reach her; off duty, a marker goes at
// once; a refused location permission is explained; the map's code is not
// precached for everyone, yet a dispatcher's map opens offline after one online
// visit. What a dispatcher does from the map is map-dispatch.spec.ts.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../pwa/server/index.ts';
import { centre as centreOn, goOnDuty, marker as markerOn, NURSE_AT, shareIcu, startMapPeople } from './support/map.ts';
import { goOffline } from './support/offline.ts';
import { SHOTS } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let close: () => Promise<void>;
let contexts: readonly BrowserContext[];
let dispatcher: Page;
let doctor: Page;
let nurse: Page;
/** Every XMPP frame the nurse's browser received, and every address her pages asked for. */
const nurseFrames: string[] = [];
const nurseRequests: string[] = [];
const pageErrors: string[] = [];

/** A 1×1 transparent PNG: a map tile. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

beforeAll(async () => {
  ({ stack, contexts, dispatcher, doctor, nurse, close } = await startMapPeople((p) => {
    p.dispatcher.on('pageerror', (e) => pageErrors.push(e.message));
    p.nurse.on('websocket', (ws) => ws.on('framereceived', (f) => nurseFrames.push(String(f.payload))));
    // On her browser, not her page: her service worker's own fetches (what it precaches) count too.
    p.contexts[2]!.on('request', (r) => nurseRequests.push(r.url()));
  }));
});

afterAll(async () => {
  await dispatcher?.screenshot({ path: join(SHOTS, 'map-staff.png') }).catch(() => {});
  await close?.();
});

/** The map's code as the build names it (pwa/src/sw/map-assets.ts): Leaflet's chunk, the map's pages, their CSS. */
const MAP_CODE = /^\/assets\/(leaflet|MapPage|MapPane)-/;
/** The paths of everything a page's service worker keeps, once it is active. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
    return paths;
  });

const marker = (jid: string) => markerOn(dispatcher, jid);
const centre = (jid: string) => centreOn(dispatcher, jid);

describe("the dispatcher's map: where staff are", () => {
  it('shows two staff on duty where they are, and follows them as they move', async () => {
    const [d, n] = [account(stack, 'doctor1'), account(stack, 'nurse')];
    await goOnDuty(doctor);
    await goOnDuty(nurse);
    expect(await doctor.getByTestId('location-chip').textContent()).toBe('GPS ±12 m');

    await dispatcher.getByTestId('tab-map').click();
    await marker(d.jid).waitFor({ timeout: 15_000 });
    await marker(n.jid).waitFor({ timeout: 15_000 });
    expect(await dispatcher.getByTestId('map-count').textContent()).toBe('2 sharing');
    // No tile server set: the map is the offline plans alone, and asks no tile of anyone.
    expect(await dispatcher.locator('.leaflet-tile').count()).toBe(0);
    expect(await dispatcher.locator('.leaflet-image-layer').count()).toBeGreaterThan(0);
    const before = await centre(d.jid);
    const nurseBefore = await centre(n.jid);
    expect(nurseBefore.x).toBeGreaterThan(before.x); // east of the doctor, as on the ground
    expect(nurseBefore.y).toBeLessThan(before.y); // and north

    // The doctor walks about 100 m north-east: the marker follows (a move of 10 m or more is sent at once).
    await contexts[1]!.setGeolocation({ latitude: 52.0017, longitude: 4.3621, accuracy: 9 });
    await expect.poll(async () => (await centre(d.jid)).x - before.x, { timeout: 15_000 }).toBeGreaterThan(20);
    const after = await centre(d.jid);
    expect(after.y).toBeLessThan(before.y);
    expect(pageErrors).toEqual([]);
    expect((await centre(n.jid)).x).toBeCloseTo(nurseBefore.x, 0);

    // The card: who and where, with Chat.
    await marker(d.jid).click();
    await expect.poll(() => dispatcher.getByTestId('map-card-where').textContent()).toMatch(/GPS ±9 m/);
    expect(await dispatcher.getByTestId('map-card-chat').getAttribute('href')).toBe(
      `/chat/${encodeURIComponent(d.jid)}`,
    );
  });

  it('gathers people standing together into one cluster with their count, and parts them when one walks away', async () => {
    const n = account(stack, 'nurse');
    const clusters = dispatcher.locator('.marker-cluster');
    await contexts[2]!.setGeolocation({ latitude: 52.00175, longitude: 4.36215, accuracy: 6 }); // beside the doctor
    await expect.poll(() => clusters.allTextContents(), { timeout: 15_000 }).toEqual(['2']);
    expect(await marker(n.jid).count()).toBe(0);
    await contexts[2]!.setGeolocation(NURSE_AT);
    await expect.poll(() => clusters.count(), { timeout: 15_000 }).toBe(0);
    await marker(n.jid).waitFor({ timeout: 10_000 });
  });

  it('shows a room picked indoors on its floor', async () => {
    const n = account(stack, 'nurse');
    await shareIcu(nurse);

    const row = dispatcher.locator(`[data-testid="map-row"][data-jid="${n.jid}"] [data-testid="map-row-where"]`);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toBe('North wing · Floor 1 · ICU');
    // The map shows the ground floor: the nurse is upstairs, so not on it.
    expect(await marker(n.jid).count()).toBe(0);
    await dispatcher.getByTestId('map-floor-north').selectOption('n1');
    await marker(n.jid).waitFor({ timeout: 5_000 });
    await dispatcher.getByTestId('map-floor-north').selectOption('n0');
    await expect.poll(() => marker(n.jid).count()).toBe(0);
  });

  it('draws outdoor tiles under the plans when the server names a tile server', async () => {
    // /config.json as the web server sends it with BLEEP_MAP_TILE_URL set (pwa/server's own test checks
    // the server side), the tiles from this origin so the CSP lets them in.
    const asked: string[] = [];
    const mapTileUrl = `${stack.url}/test-tiles/{z}/{x}/{y}.png`;
    // On the context, not the page: once the service worker controls the page, page.route misses its fetches.
    await contexts[0]!.route('**/config.json', (route) =>
      route.fulfill({
        json: clientConfig({ ...stack.settings, mapTileUrl }),
        headers: { 'cache-control': 'no-cache' },
      }),
    );
    await contexts[0]!.route('**/test-tiles/**', (route) => {
      asked.push(route.request().url());
      return route.fulfill({ contentType: 'image/png', body: PNG });
    });
    try {
      await dispatcher.goto(`${stack.url}/map`);
      await expect
        .poll(() => dispatcher.locator('.leaflet-tile-loaded').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      expect(asked[0]).toMatch(/\/test-tiles\/\d+\/\d+\/\d+\.png$/);
      // The plans come with the site model, a command answered after sign-in: maybe after the first tiles.
      await expect
        .poll(() => dispatcher.locator('.leaflet-image-layer').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
    } finally {
      await contexts[0]!.unrouteAll();
    }
  });

  it("refuses a nurse who opens the map's address; no location and no map code reach her browser", async () => {
    await nurse.goto(`${stack.url}/map`);
    await expect
      .poll(() => nurse.getByTestId('tab-refused').textContent(), { timeout: 10_000 })
      .toMatch(/The map is for dispatchers and admins/);
    expect(await nurse.getByTestId('map').count()).toBe(0);
    expect(await nurse.getByTestId('tab-map').count()).toBe(0);
    // Her own publishes went out, but nothing of anyone's location ever came in.
    expect(nurseFrames.length).toBeGreaterThan(10);
    expect(nurseFrames.filter((f) => f.includes('geoloc') || f.includes('pubsub#event'))).toEqual([]);
    // Nor did the map's code (Leaflet and the map's pages) reach her browser, her service worker included.
    expect(nurseRequests.length).toBeGreaterThan(10);
    expect(nurseRequests.filter((u) => MAP_CODE.test(new URL(u).pathname))).toEqual([]);
  });

  it('takes a marker away, and its row, as soon as its owner goes off duty', async () => {
    const d = account(stack, 'doctor1');
    await marker(d.jid).waitFor({ timeout: 10_000 });
    await doctor.getByTestId('duty-toggle').uncheck();
    await expect.poll(() => marker(d.jid).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => dispatcher.locator(`[data-testid="map-row"][data-jid="${d.jid}"]`).count()).toBe(0);
  });

  it('explains a refused location permission, and what to do', async () => {
    await contexts[2]!.clearPermissions();
    await nurse.goto(stack.url);
    await expect
      .poll(() => nurse.getByTestId('location-chip').textContent(), { timeout: 15_000 })
      .toBe('Location blocked');
    await nurse.getByTestId('location-chip').click();
    await expect
      .poll(() => nurse.getByTestId('where-denied').textContent())
      .toMatch(/allow location for this site .* then reload. Indoors, you can pick a room below instead/);
  });

  it("keeps the map's code out of a nurse's browser, and opens a dispatcher's map offline after one online visit", async () => {
    // The nurse's worker holds the app shell and nothing of the map: most staff never open it.
    const hers = await cachedPaths(nurse);
    expect(hers).toContain('/index.html');
    expect(hers.filter((p) => MAP_CODE.test(p))).toEqual([]);
    // The dispatcher opened the map online (the first test): Leaflet, its CSS and the map's pages were kept then.
    const kept = (await cachedPaths(dispatcher)).filter((p) => MAP_CODE.test(p));
    expect(kept.filter((p) => p.startsWith('/assets/leaflet-'))).toHaveLength(2);
    // A fresh page (nothing of the map loaded in it), then the network goes: the Map tab still opens.
    await dispatcher.goto(stack.url);
    await dispatcher.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
    const tab = dispatcher.getByTestId('tab-map');
    await tab.waitFor({ timeout: 10_000 }); // shown once the component said who she is (whoami)
    await goOffline(dispatcher);
    try {
      await tab.click();
      await dispatcher.locator('[data-testid="map"].leaflet-container').waitFor({ timeout: 15_000 });
      expect(await dispatcher.getByTestId('tab-refused').count()).toBe(0);
    } finally {
      await contexts[0]!.setOffline(false);
    }
  });
});
