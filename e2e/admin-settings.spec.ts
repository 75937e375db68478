// Issue #13 part 5 in Chromium: Prosody's admin opens Admin → Server settings, sees each value and where it
// comes from, lowers the upload limit, previews it (the diff of prosody.cfg.lua names it) and applies it (a
// reload); a nurse who stays signed in then attaches a file over the new limit and is told the new limit. A
// refused edit (federation on) shows the reason and changes nothing; a hand edit of prosody.cfg.lua is reported
// and kept when the admin chooses so; a change prosodyctl check refuses is rolled back, saying so. A nurse
// reaching the page's address sees the refusal's text, and no link leads there for her.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import { openChatWith } from './support/nav.ts';
import type { TestStack } from './support/stack.ts';

let stack: TestStack;
let admin: Page;
let nurse: Page;

beforeAll(async () => {
  const s = await startAdmin('nurse');
  ({ stack, admin } = s);
  [nurse] = s.others;
  return s.close;
});

const LIMIT = 'BLEEP_UPLOAD_MAX_BYTES';
// Each step runs Prosody's settings CLI (a Node start): seconds, more under load.
const WAIT = { timeout: 60_000 };
const row = (key: string) => admin.locator(`[data-testid="setting"][data-key="${key}"]`);
const field = (key: string) => admin.getByTestId(`settings-field-${key}`);

async function openSettings(): Promise<void> {
  await admin.getByTestId('tab-admin').click();
  await admin.getByTestId('admin-settings-link').click({ timeout: 15_000 });
  await field(LIMIT).waitFor(WAIT);
}

describe('Admin → Server settings', { timeout: 240_000 }, () => {
  it('refuses federation with the reason and changes nothing', async () => {
    await openSettings();
    expect(await row('BLEEP_FEDERATION').textContent()).toContain('false');
    await field('BLEEP_FEDERATION').fill('true');
    await admin.getByTestId('settings-apply-button').click();
    const refused = admin.getByTestId('settings-refused-text');
    await expect.poll(() => refused.textContent(), WAIT).toContain('Refused, nothing was changed. BLEEP_FEDERATION');
    await admin.reload();
    await field(LIMIT).waitFor(WAIT);
    expect(await row('BLEEP_FEDERATION').getByTestId('setting-value').textContent()).toBe('false');
  });

  it('previews and applies a smaller upload limit; the nurse is then told the new limit', async () => {
    const before = (await row(LIMIT).getByTestId('setting-value').textContent())!.trim();
    expect(Number(before)).toBeGreaterThan(400_000);
    await field(LIMIT).fill('200000');
    await admin.getByTestId('settings-preview-button').click();
    expect(await admin.getByTestId('settings-working').textContent()).toContain('Checking');
    const diff = admin.getByTestId('settings-diff');
    await expect.poll(() => diff.textContent(), WAIT).toContain('200000');
    // The added line is coloured as one (monospace, +).
    expect(await diff.locator('.add').filter({ hasText: '200000' }).count()).toBeGreaterThan(0);
    // A preview writes nothing.
    expect((await row(LIMIT).getByTestId('setting-value').textContent())!.trim()).toBe(before);

    await admin.getByTestId('settings-apply-button').click();
    await expect.poll(() => admin.getByTestId('settings-working').textContent()).toContain('reloading Prosody');
    await expect.poll(() => admin.getByTestId('settings-note').textContent(), WAIT).toContain(`Applied: ${LIMIT}.`);
    await expect.poll(() => row(LIMIT).getByTestId('setting-value').textContent(), WAIT).toBe('200000');
    expect(await row(LIMIT).textContent()).toContain('edited');

    // The nurse's app loaded with the old limit; the server's slot refusal names the new one.
    await openChatWith(nurse, stack, 'dispatcher');
    await nurse
      .getByTestId('message-attach-input')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(400_000, 7) });
    await expect
      .poll(() => nurse.getByTestId('message-upload-error').textContent(), { timeout: 20_000 })
      .toContain('the server takes files up to 0.2 MB');
  });

  it('reports a hand edit of prosody.cfg.lua, changes nothing, and applies around it when told to keep it', async () => {
    const path = join(stack.settings.dataDir, 'prosody.cfg.lua');
    const edited = (await readFile(path, 'utf8')).replace(
      /(Component "conference\.bleep\.localhost" "muc"\n)/,
      '$1  muc_room_locking = false -- added by an admin\n',
    );
    await writeFile(path, edited);
    await field('BLEEP_UPLOAD_EXPIRY_DAYS').fill('7');
    await admin.getByTestId('settings-apply-button').click();
    await expect
      .poll(() => admin.getByTestId('settings-refused-text').textContent(), WAIT)
      .toContain('edited by hand: muc_room_locking (conference.bleep.localhost). Nothing was changed');
    expect(await readFile(path, 'utf8')).toBe(edited);
    // The form stays as typed, with the command's choice.
    await field('hand-edits').selectOption('keep');
    await admin.getByTestId('settings-apply-button').click();
    await expect
      .poll(() => admin.getByTestId('settings-note').textContent(), WAIT)
      .toContain('Applied: BLEEP_UPLOAD_EXPIRY_DAYS.');
    expect(await admin.getByTestId('settings-hand-edits').textContent()).toContain('muc_room_locking');
    expect(await readFile(path, 'utf8')).toContain('muc_room_locking = false -- added by an admin');
  });

  it("rolls back when prosodyctl check config fails and says which step failed, in Prosody's words", async () => {
    const path = join(stack.settings.dataDir, 'prosody.cfg.lua');
    const was = await readFile(path, 'utf8');
    // An option Prosody 0.12 calls obsolete, typed in by hand: the checker refuses the file.
    const edited = was.replace('http_default_cors_enabled', 'cross_domain_websocket = true\nhttp_default_cors_enabled');
    await writeFile(path, edited);
    try {
      await field(LIMIT).fill('300000');
      await field('hand-edits').selectOption('keep');
      await admin.getByTestId('settings-apply-button').click();
      const refused = admin.getByTestId('settings-refused-text');
      await expect
        .poll(() => refused.textContent(), WAIT)
        .toContain('Not applied: prosodyctl check config failed, so the previous settings were put back.');
      expect(await refused.textContent()).toMatch(/Prosody said: .*cross_domain_websocket/s);
      expect(await readFile(path, 'utf8')).toBe(edited);
      expect(await row(LIMIT).getByTestId('setting-value').textContent()).toBe('200000');
    } finally {
      await writeFile(path, was);
    }
  });

  it('is not offered to a nurse, and says why at its address', async () => {
    await nurse.goto(`${new URL(nurse.url()).origin}/admin/settings`);
    await expect
      .poll(() => nurse.getByTestId('settings-list-error').textContent(), { timeout: 20_000 })
      .toContain("the server's admins");
    expect(await nurse.getByTestId('settings-form').count()).toBe(0);
    expect(await nurse.getByTestId('tab-admin').count()).toBe(0);
  });
});
