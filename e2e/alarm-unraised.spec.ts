// Issue #10, the PWA's side of `alarm-not-raised`, end to end in Chromium:
// while Prosody refuses to create rooms, the component cannot make the
// incident's room, so nobody is alerted; it fails the incident and tells the
// trigger (component/src/alarms/unraised.ts). The nurse sees the loud warning
// that the alarm did NOT go out and to call the switchboard, and the red
// banner stays while the app keeps the alarm queued and sends it again
// (pwa/src/features/alarms/retry.ts). Once rooms can be made again the queued
// alarm goes out by itself, and the responder gets it exactly once.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, SHOTS, type People } from './support/people.ts';
import { refuseNewRooms } from './support/prosody-shell.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let staff: People;
let priya: Page;
let jonas: Page;
let allowRooms: (() => Promise<void>) | undefined;

/** The events of each incident of a preset, as the component stored them (SQLite, the stack's default). */
function incidentsOf(preset: string): string[][] {
  const db = new DatabaseSync(join(stack.settings.dataDir, 'component.sqlite'), { readOnly: true });
  try {
    const ids = db.prepare('SELECT id FROM incidents WHERE preset = ?').all(preset) as { id: string }[];
    const events = db.prepare('SELECT event FROM incident_events WHERE incident_id = ? ORDER BY seq');
    return ids.map(({ id }) => (events.all(id) as { event: string }[]).map((e) => e.event));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  staff = people(stack);
  priya = await staff.signIn('nurse');
  jonas = await staff.signIn('doctor2');
  for (const p of [priya, jonas]) p.setDefaultTimeout(30_000);
}, 300_000);

afterAll(async () => {
  await allowRooms?.();
  await staff?.close();
  await stack?.close();
});

describe('an alarm whose incident room cannot be made', () => {
  it('says it did NOT go out and stays queued; once rooms can be made it goes by itself, once', async () => {
    // Jonas (a doctor) on duty: Rapid Response reaches him.
    await jonas.getByTestId('duty-toggle').check();
    await expect.poll(() => jonas.getByTestId('duty-toggle').isChecked(), { timeout: 15_000 }).toBe(true);

    allowRooms = await refuseNewRooms(stack);
    await priya.getByTestId('alarm-button').click();
    await priya.locator('[data-testid="alarm-preset"][data-preset="rapid-response"]').click();
    // The component's own words, loud.
    await expect
      .poll(() => priya.getByTestId('alarm-error').textContent(), { timeout: 20_000 })
      .toMatch(/The alarm did NOT go out.*call the switchboard now/);
    const banner = priya.getByTestId('alarm-waiting');
    await expect.poll(() => banner.textContent()).toMatch(/Rapid Response has NOT been sent.*could not send it out/);
    await priya.screenshot({ path: join(SHOTS, 'alarm-unraised.png') });
    // It stays: the app tried again meanwhile (each try an incident failed, nobody alerted), and it still waits.
    const failed = () => incidentsOf('rapid-response').filter((events) => events.includes('failed')).length;
    await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await banner.textContent()).toMatch(/Rapid Response has NOT been sent/);
    expect(await priya.getByTestId('alarm-error').textContent()).toMatch(/did NOT go out/);
    expect(await jonas.getByTestId('alarm-screen').count()).toBe(0);

    await allowRooms();
    await expect.poll(() => banner.count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => priya.getByTestId('alarm-raised').textContent(), { timeout: 15_000 })
      .toMatch(/Rapid Response raised: 1 person alerted/);
    expect(await priya.getByTestId('alarm-error').count()).toBe(0);
    // Jonas gets it, and once: after his answer no second alarm comes.
    const screen = jonas.getByTestId('alarm-screen');
    await expect.poll(() => jonas.getByTestId('alarm-screen-name').textContent()).toBe('Rapid Response');
    await jonas.locator('[data-testid="alarm-screen-choice"][data-choice="acknowledge"]').click();
    await expect.poll(() => screen.count(), { timeout: 10_000 }).toBe(0);
    await jonas.waitForTimeout(3_000); // a second alarm (another queued send raising anew) would be here by now
    expect(await screen.count()).toBe(0);
    // One incident went out; the others are the failed tries, none merged into it.
    const raised = incidentsOf('rapid-response').filter((events) => !events.includes('failed'));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toContain('triggered');
    expect(raised[0]).not.toContain('merged');
  }, 180_000);
});
