// Issue #11, writing to a role with encryption on, in Chromium: Dana writes to
// the on-duty cardiologist; her app asks the component who that is
// (role-resolve, which records whom it reached) and writes to Amara encrypted.
// Amara reads it with a closed lock, and neither Prosody's archive nor the
// component's store holds the words.
import { readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { openChatWith, showTab, writeToRole } from './support/nav.ts';
import { encryptionOn } from './support/omemo.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let dana: Browser;
let amara: Browser;
let pd: Page;
let pa: Page;

const SECRET = 'Troponin rising in bay 3, please review';
const lastLock = (page: Page) => page.getByTestId('message-lock').last().getAttribute('data-security');

beforeAll(async () => {
  stack = await startTestStack();
  dana = await openBrowser(stack.settings.tls.cert);
  amara = await openBrowser(stack.settings.tls.cert);
  pd = await dana.context.newPage();
  pa = await amara.context.newPage();
  await signIn(pa, stack, 'doctor1');
  await signIn(pd, stack, 'dispatcher');
});

afterAll(async () => {
  await dana?.close();
  await amara?.close();
  await stack?.close();
});

/** Every text value of an SQLite table, read while the stack runs. */
function texts(file: string, sql: string): string[] {
  const db = new DatabaseSync(join(stack.settings.dataDir, file), { readOnly: true, timeout: 5_000 });
  try {
    return db
      .prepare(sql)
      .all()
      .map((r) => JSON.stringify(r));
  } finally {
    db.close();
  }
}

describe('writing to a role with encryption on', () => {
  it('reaches the on-duty holder encrypted, and the sender sees whom it reached', async () => {
    const doctor = account(stack, 'doctor1');
    await encryptionOn(pa);
    await encryptionOn(pd);
    await pa.getByTestId('duty-toggle').check();
    await showTab(pd, 'colleagues');
    const entry = pd.locator(`[data-testid="directory-entry"][data-jid="${doctor.jid}"]`);
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain('on duty');

    await writeToRole(pd, 'cardiology', SECRET);
    await expect.poll(() => pd.getByTestId('role-reached-person').textContent(), { timeout: 30_000 }).toBe(doctor.name);

    // Amara reads it in her chat with Dana, locked: it came from Dana's app, encrypted.
    await openChatWith(pa, stack, 'dispatcher');
    await expect
      .poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 30_000 })
      .toBe(`To on-duty cardiology: ${SECRET}`);
    expect(await lastLock(pa)).toBe('encrypted');
    // Her Chats list shows the chat with Dana with a lock.
    await showTab(pa, 'chats');
    const mark = pa
      .locator('[data-testid="conversation"][data-peer^="dispatcher@"]')
      .getByTestId('conversation-encryption');
    await expect.poll(() => mark.getAttribute('data-encrypted'), { timeout: 10_000 }).toBe('true');
    // Dana's own copy, in her chat with Amara, is locked too.
    await pd.getByTestId('role-reached-person').click();
    await expect.poll(() => lastLock(pd), { timeout: 30_000 }).toBe('encrypted');
  });

  it("at rest: Prosody's archive holds the ciphertext and the component only whom it reached, never the words", () => {
    const archive = texts('prosody.sqlite', `SELECT "value" FROM "prosodyarchive" WHERE "store" = 'archive'`);
    expect(archive.filter((r) => r.includes('eu.siacs.conversations.axolotl')).length).toBeGreaterThanOrEqual(1);
    for (const r of archive) expect(r).not.toContain('Troponin');
    // The component's store: the delivery record names Amara; no table holds the text.
    const file = readdirSync(stack.settings.dataDir, { recursive: true, encoding: 'utf8' }).find((f) =>
      f.endsWith('component.sqlite'),
    )!;
    const tables = texts(file, `SELECT "name" FROM sqlite_master WHERE "type" = 'table'`).map(
      (r) => (JSON.parse(r) as { name: string }).name,
    );
    expect(texts(file, 'SELECT * FROM "role_deliveries"').join()).toContain(account(stack, 'doctor1').jid);
    for (const t of tables) for (const r of texts(file, `SELECT * FROM "${t}"`)) expect(r, t).not.toContain('Troponin');
  });
});
