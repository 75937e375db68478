// Issue #13 part 3 in Chromium: an admin opens Admin → Site model, uploads a
// floor plan for the North wing's ground floor (XEP-0363, plain), adds a room
// and places it by clicking on the plan, adds a zone, and saves; a bad edit is
// refused first with the component's reasons. Then a nurse's room picker
// offers the new room, and the dispatcher's map shows her at its place on the
// new plan. A later save reaches the dispatcher's open map without a reload,
// and another admin's open editor: in place when it has no unsaved edits, as a
// warning with Reload when it has.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import type { People } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let staff: People;
let admin: Page;
let dispatcher: Page;
/** The campus plan's path, once uploaded. */
let campus = '';

/** A plan twice as wide as high, so x and y are measured against different sizes. */
const PLAN = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">' +
    '<rect width="400" height="200" fill="#e8f0e0" stroke="#333" stroke-width="4"/></svg>',
);
/** Where the admin clicks: a quarter from the west edge, a fifth from the south edge. */
const AT = { x: 0.25, y: 0.2 };

beforeAll(async () => {
  const s = await startAdmin();
  ({ stack, staff, admin } = s);
  return s.close;
});

type Box = { x: number; y: number; width: number; height: number };
/** The new room's marker on the editor's plan (its centre is the room's place). */
const roomOnPlan = '.site-room:has([data-id="plaster-room"])';

async function box(page: Page, selector: string): Promise<Box> {
  let b: Box | null = null;
  await expect
    .poll(async () => (b = await page.locator(selector).first().boundingBox()), { timeout: 15_000 })
    .not.toBeNull();
  return b!;
}

/** Where the centre of `sel` lies on `img`: x from its west, y from its south edge, 0…1. */
const placed = (page: Page, img: Box, sel: string) => async () => {
  const m = await box(page, sel);
  return [(m.x + m.width / 2 - img.x) / img.width, (img.y + img.height - (m.y + m.height / 2)) / img.height];
};

/** Uploads PLAN with the file input `testid`-file; the path the model keeps, shown once uploaded. */
async function upload(testid: string, id: string): Promise<string> {
  await admin
    .getByTestId(`${testid}-file`)
    .setInputFiles({ name: 'plan.svg', mimeType: 'image/svg+xml', buffer: PLAN });
  const path = admin.getByTestId(`${testid}-path`);
  await expect
    .poll(() => path.textContent(), { timeout: 15_000 })
    .toMatch(new RegExp(`^/site_plans/[^/]+/plan-${id}\\.svg$`));
  return (await path.textContent())!;
}

describe('the site model editor', () => {
  it('uploads a plan, places a new room by a click, and the nurse and the dispatcher see it there', async () => {
    await admin.getByTestId('tab-admin').click();
    await admin.getByTestId('admin-site-link').click();
    // The campus plan too, named after it.
    campus = await upload('site-campus-plan', 'campus');
    await admin
      .locator('[data-testid="site-floor"][data-id="n0"] [data-testid="site-floor-select"]')
      .click({ timeout: 15_000 });

    const plan = await upload('site-plan', 'n0');
    // The plan is served from this origin (the CSP's img-src 'self') and drawn.
    await expect.poll(() => admin.locator('.site-plan-image').getAttribute('src'), { timeout: 15_000 }).toBe(plan);

    await admin.getByTestId('site-room-new').fill('Plaster room');
    await admin.getByTestId('site-room-add').click();
    // The plan has the building's shape on the map (0.0028° by 0.0012° at 52° north), not the image's 2:1.
    const shape = async () => {
      const b = await box(admin, '.site-plan-image');
      return b.width / b.height;
    };
    await expect.poll(shape).toBeCloseTo(1.44, 1);
    await admin.getByTestId('site-plan').scrollIntoViewIfNeeded();
    await admin.waitForTimeout(500);
    const img = await box(admin, '.site-plan-image');
    await admin.mouse.click(img.x + img.width * AT.x, img.y + img.height * (1 - AT.y));
    // The new room (selected when added) is drawn where the click was.
    await expect.poll(placed(admin, img, roomOnPlan)).toEqual([expect.closeTo(AT.x, 2), expect.closeTo(AT.y, 2)]);
    await admin.getByTestId('site-zone-new').fill('Plaster ward');
    await admin.getByTestId('site-zone-add').click();

    // A bad edit first: a room without a name, a building's corners the wrong way round; refused with the
    // component's reasons, nothing saved.
    const north = admin.locator('[data-testid="site-bounds-north"] [data-testid="site-bounds-north"]');
    await north.fill('52.001');
    await admin.locator('[data-testid="site-room"][data-id="n0-1"] [data-testid="site-room-name"]').fill('');
    await admin.getByTestId('site-save').click();
    const error = admin.getByTestId('site-error');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain('The site model has problems');
    expect(await error.textContent()).toContain('buildings.0.floors.0.rooms.0.name');
    expect(await error.textContent()).toContain('buildings.0.bounds: must be [[south, west], [north, east]]');
    await north.fill('52.0034');
    await admin.locator('[data-testid="site-room"][data-id="n0-1"] [data-testid="site-room-name"]').fill('Emergency');
    await admin.getByTestId('site-save').click();
    await expect
      .poll(() => admin.getByTestId('site-saved').textContent(), { timeout: 15_000 })
      .toBe('Saved the site model: 2 buildings, 25 rooms.');

    // Read back after a reload: the room where it was clicked, the zone, the plan.
    await admin.reload();
    await admin
      .locator('[data-testid="site-floor"][data-id="n0"] [data-testid="site-floor-select"]')
      .click({ timeout: 20_000 });
    expect(await admin.getByTestId('site-plan-path').textContent()).toBe(plan);
    expect(await admin.locator('[data-testid="site-zone"][data-id="plaster-ward"]').count()).toBe(1);
    await admin.getByTestId('site-plan').scrollIntoViewIfNeeded();
    await expect
      .poll(placed(admin, await box(admin, '.site-plan-image'), roomOnPlan), { timeout: 15_000 })
      .toEqual([expect.closeTo(AT.x, 2), expect.closeTo(AT.y, 2)]);

    const nurse = await staff.signIn('nurse');
    await nurse.getByTestId('duty-toggle').check();
    await nurse.getByTestId('location-chip').click();
    await nurse.getByTestId('where-building-north').click();
    await nurse.getByTestId('where-floor-n0').click();
    await nurse.getByTestId('where-room-plaster-room').click();
    await expect
      .poll(() => nurse.getByTestId('where-saved').textContent())
      .toBe('Dispatchers now see you in Plaster room.');

    dispatcher = await staff.signIn('dispatcher');
    await dispatcher.getByTestId('tab-map').click();
    const n = account(stack, 'nurse');
    const onMap = `[data-testid="map-marker"][data-jid="${n.jid}"]`;
    const overlay = `.leaflet-image-layer[src="${plan}"]`;
    await box(dispatcher, onMap);
    await box(dispatcher, `.leaflet-image-layer[src="${campus}"]`);
    // The map settles (fitBounds, clusters) before it is measured; the plan is stretched to the building's bounds.
    await dispatcher.waitForTimeout(1500);
    expect(await placed(dispatcher, await box(dispatcher, overlay), onMap)()).toEqual([
      expect.closeTo(AT.x, 1),
      expect.closeTo(AT.y, 1),
    ]);
    // The new zone is outlined on the floor in view, with its name.
    expect(await dispatcher.locator('.map-zone').allTextContents()).toEqual(['Plaster ward']);
  });

  it('puts a saved zone on the open map of a signed-in dispatcher, without a reload', async () => {
    await admin.getByTestId('site-zone-new').fill('Cast ward');
    await admin.getByTestId('site-zone-add').click();
    await admin.getByTestId('site-save').click();
    await expect
      .poll(() => admin.getByTestId('site-saved').textContent(), { timeout: 15_000 })
      .toBe('Saved the site model: 2 buildings, 25 rooms.');
    await expect
      .poll(async () => (await dispatcher.locator('.map-zone').allTextContents()).sort(), { timeout: 15_000 })
      .toEqual(['Cast ward', 'Plaster ward']);
    // Redrawn in place: still one campus plan, not a second one over it.
    expect(await dispatcher.locator(`.leaflet-image-layer[src="${campus}"]`).count()).toBe(1);
  });

  it("takes another admin's save into an open editor: in place without edits, else warns and reloads on request", async () => {
    const other = await staff.signIn('admin'); // a second admin browser (the same account: the demo has one admin)
    await other.getByTestId('tab-admin').click();
    await other.getByTestId('admin-site-link').click();
    await other
      .locator('[data-testid="site-floor"][data-id="n0"] [data-testid="site-floor-select"]')
      .click({ timeout: 15_000 });
    const zone = (page: Page, id: string) => page.locator(`[data-testid="site-zone"][data-id="${id}"]`).count();
    const save = async () => {
      await admin.getByTestId('site-save').click();
      await expect
        .poll(() => admin.getByTestId('site-saved').textContent(), { timeout: 15_000 })
        .toBe('Saved the site model: 2 buildings, 25 rooms.');
    };

    // No unsaved edits: the other editor shows the new zone where it is, no reload, no warning.
    await admin.getByTestId('site-zone-new').fill('Splint ward');
    await admin.getByTestId('site-zone-add').click();
    await save();
    await expect.poll(() => zone(other, 'splint-ward'), { timeout: 15_000 }).toBe(1);
    expect(await other.getByTestId('site-warning').count()).toBe(0);

    // Unsaved edits: they stay, and a warning says whose change it is and what saving would do.
    await other.getByTestId('site-zone-new').fill('Sling ward');
    await other.getByTestId('site-zone-add').click();
    await admin.getByTestId('site-zone-new').fill('Gown ward');
    await admin.getByTestId('site-zone-add').click();
    await save();
    const warning = other.getByTestId('site-warning');
    await expect
      .poll(() => warning.textContent(), { timeout: 15_000 })
      .toContain('Alex Morgan changed the site model; reload to see it — saving now will overwrite it.');
    expect([await zone(other, 'sling-ward'), await zone(other, 'gown-ward')]).toEqual([1, 0]);
    // The one who saved is not warned of their own save.
    expect(await admin.getByTestId('site-warning').count()).toBe(0);

    // Reload: the other admin's change is in, the unsaved edit gone, the warning too.
    await other.getByTestId('site-reload').click();
    await expect.poll(() => zone(other, 'gown-ward'), { timeout: 15_000 }).toBe(1);
    expect(await zone(other, 'sling-ward')).toBe(0);
    expect(await warning.count()).toBe(0);

    // Warned again, the other admin saves: over the change they were told of, as the warning said; the first
    // admin's editor, with nothing unsaved, takes that in place.
    await other.getByTestId('site-zone-new').fill('Sling ward');
    await other.getByTestId('site-zone-add').click();
    await admin.getByTestId('site-zone-new').fill('Mask ward');
    await admin.getByTestId('site-zone-add').click();
    await save();
    await expect.poll(() => warning.count(), { timeout: 15_000 }).toBe(1);
    await other.getByTestId('site-save').click();
    await expect
      .poll(() => other.getByTestId('site-saved').textContent(), { timeout: 15_000 })
      .toBe('Saved the site model: 2 buildings, 25 rooms.');
    await expect.poll(() => zone(admin, 'sling-ward'), { timeout: 15_000 }).toBe(1);
    expect(await zone(admin, 'mask-ward')).toBe(0);
  });
});
