// Issue #9 in Chromium, what a dispatcher does from the map: an alarm raised at
// a room shows on its floor (issue #10), and incidents come and go as the
// component tells; a message goes to the filtered set and to everyone on duty;
// assistance is asked from the selection, from a person's card, and markers
// are selected on the map itself. Where staff are is map-staff.spec.ts.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centre as centreOn, goOnDuty, marker as markerOn, shareIcu, startMapPeople } from './support/map.ts';
import { openChatWith } from './support/nav.ts';
import { SHOTS } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let close: () => Promise<void>;
let dispatcher: Page;
let doctor: Page;
let nurse: Page;
/** How many times the dispatcher's app asked for the open incidents (alarm-incidents). */
let incidentReads = 0;

beforeAll(async () => {
  ({ stack, dispatcher, doctor, nurse, close } = await startMapPeople((p) =>
    p.dispatcher.on('websocket', (ws) =>
      ws.on('framesent', (f) => void (String(f.payload).includes('node="alarm-incidents"') && incidentReads++)),
    ),
  ));
  // Both on duty, the doctor outdoors, the nurse in ICU (upstairs in the North wing); the dispatcher on the map.
  await goOnDuty(doctor);
  await goOnDuty(nurse);
  await shareIcu(nurse);
  await dispatcher.getByTestId('tab-map').click();
  for (const user of ['doctor1', 'nurse'])
    await dispatcher
      .locator(`[data-testid="map-row"][data-jid="${account(stack, user).jid}"]`)
      .waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await dispatcher?.screenshot({ path: join(SHOTS, 'map-dispatch.png') }).catch(() => {});
  await close?.();
});

const marker = (jid: string) => markerOn(dispatcher, jid);
const centre = (jid: string) => centreOn(dispatcher, jid);

describe("the dispatcher's map: acting from it", () => {
  it('shows an alarm raised at a room on the map there (issue #10); a click offers to break the glass, then opens its room', async () => {
    const n = account(stack, 'nurse');
    // The nurse shares ICU (beforeAll): two taps raise Security there (nobody here holds its
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
});
