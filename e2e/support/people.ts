// What most specs start with: each person in their own Chromium profile,
// signed in; all closed together at the end. `page.context()` is that
// person's browser (to take them offline, open a second tab).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.ts';
import { signIn } from './sign-in.ts';
import type { TestStack } from './stack.ts';

/** Where specs leave their screenshots (CI keeps the folder). */
export const SHOTS = join(import.meta.dirname, '..', '.artifacts');
mkdirSync(SHOTS, { recursive: true });

export interface People {
  /** A new browser profile, signed in as `user` (a demo account). */
  signIn(user: string, opts?: { fakeMedia?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export function people(stack: TestStack): People {
  const opened: Browser[] = [];
  return {
    async signIn(user, opts = {}) {
      const browser = await openBrowser(stack.settings.tls.cert, opts);
      opened.push(browser);
      const page = await browser.context.newPage();
      await signIn(page, stack, user);
      return page;
    },
    async close() {
      await Promise.all(opened.splice(0).map((b) => b.close()));
    },
  };
}
