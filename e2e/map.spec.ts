// Issue #9 in Chromium, with playwright's geolocation emulation: staff on duty
// share where they are, and the dispatcher sees their markers move; a room
// picked indoors shows on its floor, and so does an alarm raised there; a message goes to the filtered set and to
// everyone on duty; assistance is asked from the selection and from a person's
// card; outdoor tiles only when the server names a tile server; a nurse who
// opens the map's address is refused, no location and no map code reach her;
// off duty, a marker goes at once; a refused location permission is explained.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../pwa/server/index.ts';
import { openContexts } from './support/browser.ts';
import { openChatWith } from './support/nav.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';
import { SHOTS } from './support/people.ts';

let stack: TestStack;
let close: () => Promise<void>;
let contexts: BrowserContext[];
let dispatcher: Page;
let doctor: Page;
let nurse: Page;
/** Every XMPP frame the nurse's browser received, and every address her pages asked for. */
const nurseFrames: string[] = [];
const nurseRequests: string[] = [];
const pageErrors: string[] = [];
/** How many times the dispatcher's app asked for the open incidents (alarm-incidents). */
let incidentReads = 0;

/** A 1×1 transparent PNG: a map tile. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const DOCTOR_AT = { latitude: 52.001, longitude: 4.361, accuracy: 12 };
const NURSE_AT = { latitude: 52.0036, longitude: 4.3665, accuracy: 6 };

beforeAll(async () => {
  stack = await startTestStack();
  ({ contexts, close } = await openContexts(stack.settings.tls.cert, 3));
  for (const c of contexts) await c.grantPermissions(['geolocation'], { origin: stack.url });
  await contexts[1]!.setGeolocation(DOCTOR_AT);
  await contexts[2]!.setGeolocation(NURSE_AT);
  [dispatcher, doctor, nurse] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  dispatcher.on('pageerror', (e) => pageErrors.push(e.message));
  dispatcher.on('websocket', (ws) =>
    ws.on('framesent', (f) => void (String(f.payload).includes('node="alarm-incidents"') && incidentReads++)),
  );
  nurse.on('websocket', (ws) => ws.on('framereceived', (f) => nurseFrames.push(String(f.payload))));
  nurse.on('request', (r) => nurseRequests.push(r.url()));
  for (const [page, user] of [
    [dispatcher, 'dispatcher'],
    [doctor, 'doctor1'],
    [nurse, 'nurse'],
  ] as const)
    await signIn(page, stack, user);
});

afterAll(async () => {
  await dispatcher?.screenshot({ path: join(SHOTS, 'map-dispatcher.png') }).catch(() => {});
  await close?.();
  await stack?.close();
});

const marker = (jid: string) => dispatcher.locator(`[data-testid="map-marker"][data-jid="${jid}"]`);
/** Where a marker is drawn; waits while it is out of view (re-clustered once a second, marker-moves.ts). */
const centre = async (jid: string) => {
  let b: { x: number; y: number; width: number; height: number } | null = null;
  await expect.poll(async () => (b = await marker(jid).boundingBox()), { timeout: 10_000 }).not.toBeNull();
  return { x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 };
};

describe("the dispatcher's map", () => {
  it('shows two staff on duty where they are, and follows them as they move', async () => {
    const [d, n] = [account(stack, 'doctor1'), account(stack, 'nurse')];
    await doctor.getByTestId('duty-toggle').check();
    await nurse.getByTestId('duty-toggle').check();
    await expect.poll(() => doctor.getByTestId('location-chip').textContent(), { timeout: 10_000 }).toBe('GPS ±12 m');

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
    // Two taps from the home page: the location chip, then the building (floor and room follow).
    await nurse.getByTestId('location-chip').click();
    await nurse.getByTestId('where-building-north').click();
    await nurse.getByTestId('where-floor-n1').click();
    await nurse.getByTestId('where-room-n1-3').click();
    await expect.poll(() => nurse.getByTestId('where-saved').textContent()).toBe('Dispatchers now see you in ICU.');

    const row = dispatcher.locator(`[data-testid="map-row"][data-jid="${n.jid}"] [data-testid="map-row-where"]`);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toBe('North wing · Floor 1 · ICU');
    // The map shows the ground floor: the nurse is upstairs, so not on it.
    expect(await marker(n.jid).count()).toBe(0);
    await dispatcher.getByTestId('map-floor-north').selectOption('n1');
    await marker(n.jid).waitFor({ timeout: 5_000 });
    await dispatcher.getByTestId('map-floor-north').selectOption('n0');
    await expect.poll(() => marker(n.jid).count()).toBe(0);
  });

  it('shows an alarm raised at a room on the map there (issue #10); a click offers to break the glass, then opens its room', async () => {
    const n = account(stack, 'nurse');
    // The nurse shares ICU (the test before): two taps raise Security there (nobody here holds its
    // responder role, so no full-screen alarm covers the other pages).
    await nurse.getByTestId('alarm-button').click();
    const security = nurse.locator('[data-testid="alarm-preset"][data-preset="security"]');
    await security.waitFor({ timeout: 10_000 });
    expect(await nurse.getByTestId('alarm-where').textContent()).toMatch(/ICU/);
    await security.click();
    await expect
      .poll(() => nurse.getByTestId('alarm-raised').textContent(), { timeout: 15_000 })
      .toMatch(/Security raised/);
    await nurse.getByTestId('tab-chats').click();

    // ICU is upstairs: on the ground floor in view the incident is not drawn; on floor 1 it is, where the nurse is.
    const incident = dispatcher.getByTestId('map-incident');
    expect(await incident.count()).toBe(0);
    await dispatcher.getByTestId('map-floor-north').selectOption('n1');
    await incident.waitFor({ timeout: 15_000 });
    const box = (await incident.boundingBox())!;
    const her = await centre(n.jid);
    expect(Math.abs(box.x + box.width / 2 - her.x)).toBeLessThan(2);
    expect(Math.abs(box.y + box.height / 2 - her.y)).toBeLessThan(2);
    expect(await incident.getAttribute('title')).toMatch(/^Security · North wing · Floor 1 · ICU · \d\d:\d\d$/);

    // The dispatcher is not a responder of Security: the members-only room would refuse her, so a click
    // offers to break the glass, with a reason, which the component logs and posts in the room.
    await incident.click();
    const card = dispatcher.getByTestId('map-incident-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('alarm-break-glass-join').textContent()).toMatch(/Join \(break the glass\)/);
    expect(await card.getByTestId('alarm-break-glass-join').isDisabled()).toBe(true);
    await card.getByTestId('alarm-break-glass-reason').fill('Coordinating the ICU beds');
    await card.getByTestId('alarm-break-glass-join').click();
    await expect.poll(() => decodeURIComponent(dispatcher.url())).toMatch(/\/room\/alarm-[a-z2-7]{8}@conference\./);
    await expect
      .poll(() => dispatcher.getByTestId('room-body').allTextContents(), { timeout: 30_000 })
      .toContainEqual(`${account(stack, 'dispatcher').name} broke the glass to join: Coordinating the ICU beds`);
    expect(await dispatcher.getByTestId('room-problem').count()).toBe(0);
    // In the room now: a click on the marker opens it at once.
    await dispatcher.getByTestId('tab-map').click();
    await dispatcher.getByTestId('map-floor-north').selectOption('n1');
    await incident.click();
    await expect.poll(() => decodeURIComponent(dispatcher.url())).toMatch(/\/room\/alarm-[a-z2-7]{8}@conference\./);
    expect(await dispatcher.getByTestId('map-incident-card').count()).toBe(0);
    const roomPath = new URL(dispatcher.url()).pathname;

    // The Incidents tab lists it from the same source as the map (alarm-incidents): when it was raised, and its room.
    await dispatcher.getByTestId('tab-incidents').click();
    const item = dispatcher.getByTestId('incidents-item').filter({ hasText: /^Security · North wing/ });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getByTestId('incidents-raised').textContent()).toMatch(/raised \d\d:\d\d/);
    expect(await item.getByRole('link').getAttribute('href')).toBe(roomPath);
    await dispatcher.getByTestId('tab-map').click();
    await dispatcher.getByTestId('map').waitFor({ timeout: 10_000 });
  });

  it('shows an incident the moment it opens and takes it away when resolved, told by the component, not polled', async () => {
    const { login, runCommand } = await import('@bleep/prosody-config/test-client');
    const { ALARM_COMMANDS, ALARM_FIELDS, ALARM_RAISED_FIELDS, INCIDENT_FIELDS, NS_COMMANDS, NS_DATA } =
      await import('@bleep/protocol');
    await dispatcher.getByTestId('map-floor-north').selectOption('n1');
    const incidents = dispatcher.getByTestId('map-incident');
    await expect.poll(() => incidents.count(), { timeout: 10_000 }).toBe(1);
    const reads = incidentReads;
    expect(reads).toBeGreaterThan(0); // the one read when the map opened
    // Another colleague raises Security in Theatre 1 from another client, and later resolves it.
    const other = await login(stack.settings, account(stack, 'doctor2'));
    try {
      const raised = await runCommand(other, stack.settings.opsHost, ALARM_COMMANDS.alarm, {
        [ALARM_FIELDS.preset]: 'security',
        [ALARM_FIELDS.location]: 'North wing · Floor 1 · Theatre 1',
      });
      const id = raised
        .getChild('command', NS_COMMANDS)!
        .getChild('x', NS_DATA)!
        .getChildren('field')
        .find((f) => f.attrs.var === ALARM_RAISED_FIELDS.incident)!
        .getChildText('value')!;
      const theatre = dispatcher.locator(`[data-testid="map-incident"][data-incident="${id}"]`);
      await theatre.waitFor({ timeout: 10_000 });
      expect(await theatre.getAttribute('title')).toMatch(/^Security · North wing · Floor 1 · Theatre 1 · /);
      await runCommand(other, stack.settings.opsHost, ALARM_COMMANDS.alarmResolve, {
        [INCIDENT_FIELDS.incident]: id,
        [INCIDENT_FIELDS.outcome]: 'false alarm',
      });
      await expect.poll(() => theatre.count(), { timeout: 10_000 }).toBe(0);
      expect(await incidents.count()).toBe(1);
    } finally {
      await other.stop();
    }
    // Neither came from reading the list again: the map asked nothing meanwhile.
    expect(incidentReads).toBe(reads);
  });

  it('sends a message to the filtered set, and to everyone shown on duty', async () => {
    // The filtered set: doctors (on duty, the default) only.
    await dispatcher.getByTestId('map-filter-role').selectOption('doctor');
    await dispatcher.getByTestId('map-select-shown').click();
    await dispatcher.getByTestId('map-action-broadcast').click();
    await dispatcher.getByTestId('map-broadcast-text').fill('Doctors: handover at 15:00');
    await dispatcher.getByTestId('map-broadcast-send').click();
    await expect.poll(() => dispatcher.getByTestId('map-action-done').textContent()).toBe('Sent to 1 person.');
    await dispatcher.getByRole('button', { name: 'Clear' }).click();
    await dispatcher.getByTestId('map-filter-role').selectOption('');

    await dispatcher.getByTestId('map-select-shown').click();
    await dispatcher.getByTestId('map-action-broadcast').click();
    await dispatcher.getByTestId('map-broadcast-text').fill('Fire drill at 14:00, North wing');
    await dispatcher.getByTestId('map-broadcast-send').click();
    await expect.poll(() => dispatcher.getByTestId('map-action-done').textContent()).toBe('Sent to 2 people.');
    const fromDana = doctor.locator('[data-testid="conversation"][data-peer^="dispatcher@"]');
    await expect.poll(() => fromDana.textContent(), { timeout: 10_000 }).toContain('Fire drill at 14:00');
    // The nurse, outside the filter, has the second message and not the first.
    await openChatWith(nurse, stack, 'dispatcher');
    const bodies = () => nurse.getByTestId('message-body').allTextContents();
    await expect.poll(async () => (await bodies()).join('|'), { timeout: 10_000 }).toContain('Fire drill at 14:00');
    expect((await bodies()).join('|')).not.toContain('handover');
  });

  it('requests assistance from two people in 3 clicks, and shows their answer on the marker', async () => {
    const [d, n] = [account(stack, 'doctor1'), account(stack, 'nurse')];
    await dispatcher.getByRole('button', { name: 'Clear' }).click(); // the broadcast's selection, not counted
    const row = (jid: string) => dispatcher.locator(`[data-testid="map-row"][data-jid="${jid}"]`);
    let clicks = 0;
    const click = async (l: ReturnType<Page['locator']>) => (await l.click(), clicks++);
    await click(row(d.jid).getByTestId('map-row-select'));
    await click(row(n.jid).getByTestId('map-row-select'));
    await click(dispatcher.getByTestId('map-action-assistance'));
    await expect
      .poll(() => dispatcher.getByTestId('map-action-done').textContent(), { timeout: 10_000 })
      .toBe('Asked 2 people for assistance.');
    expect(clicks).toBeLessThanOrEqual(3);

    // The doctor answers with one tap in the chat with the dispatcher.
    await openChatWith(doctor, stack, 'dispatcher');
    await doctor.locator('[data-testid="message-request-choice"][data-choice="on-my-way"]').click();
    const answer = dispatcher.locator(`.map-pin:has([data-jid="${d.jid}"]) [data-testid="map-marker-answer"]`);
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toBe('On my way');
    expect(await row(d.jid).getByTestId('map-row-answer').textContent()).toBe('On my way');
    expect(await row(n.jid).getByTestId('map-row-answer').count()).toBe(0);
  });

  it('asks one person for assistance from their card, and shows their answer on the marker', async () => {
    const d = account(stack, 'doctor1');
    await marker(d.jid).click();
    await dispatcher.getByTestId('map-card-assistance').click(); // two clicks from the open map
    await expect
      .poll(() => dispatcher.getByTestId('map-action-done').textContent(), { timeout: 10_000 })
      .toBe('Asked 1 person for assistance.');
    // The marker follows this request now: no answer yet, then the doctor's.
    const answer = dispatcher.locator(`.map-pin:has([data-jid="${d.jid}"]) [data-testid="map-marker-answer"]`);
    await expect.poll(() => answer.count()).toBe(0);
    const choices = doctor.locator('[data-testid="message-request-choice"][data-choice="on-my-way"]');
    await expect.poll(() => choices.count(), { timeout: 10_000 }).toBe(2);
    await choices.last().click();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toBe('On my way');
  });

  it('selects people on the map itself: a shift-click on a marker adds them, another takes them out', async () => {
    const d = account(stack, 'doctor1');
    const ticked = () =>
      dispatcher.locator(`[data-testid="map-row"][data-jid="${d.jid}"]`).getByTestId('map-row-select').isChecked();
    const pinSelected = () =>
      dispatcher.locator(`.map-pin.selected:has([data-testid="map-marker"][data-jid="${d.jid}"])`).count();
    if (await dispatcher.getByRole('button', { name: 'Clear' }).isVisible())
      await dispatcher.getByRole('button', { name: 'Clear' }).click();
    expect(await ticked()).toBe(false);
    // Leaflet takes the marker's DOM click; the marker is redrawn when selected, so each click finds it anew.
    await marker(d.jid).dispatchEvent('click', { shiftKey: true });
    await expect.poll(ticked).toBe(true);
    await expect.poll(pinSelected).toBe(1);
    await expect.poll(() => dispatcher.getByText('1 selected').count()).toBe(1);
    await marker(d.jid).dispatchEvent('click', { shiftKey: true });
    await expect.poll(ticked).toBe(false);
    await expect.poll(pinSelected).toBe(0);
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
    // Nor did the map's code (Leaflet is in the MapPage chunk) reach her pages.
    expect(nurseRequests.length).toBeGreaterThan(10);
    expect(nurseRequests.filter((u) => /\/assets\/Map(Page|Pane)-|leaflet/i.test(u))).toEqual([]);
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
});
