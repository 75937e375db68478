// What every admin spec starts with: the whole stack, and the admin signed in
// in a browser of their own (then whoever else the spec watches, in order).
// Return `close` from the spec's beforeAll: vitest runs it after the file.
import type { Page } from 'playwright-core';
import { people, type People } from './people.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface AdminStack<Others extends readonly Page[] = Page[]> {
  stack: TestStack;
  /** Signs more people in during a test; they are closed with the rest. */
  staff: People;
  admin: Page;
  /** A page for each user named in `startAdmin(...others)`, in that order, signed in. */
  others: Others;
  /** Closes every browser, then the stack. */
  close(): Promise<void>;
}

export async function startAdmin<const Users extends readonly string[]>(
  ...others: Users
): Promise<AdminStack<{ [K in keyof Users]: Page }>> {
  const stack = await startTestStack();
  const staff = people(stack);
  const close = async () => {
    await staff.close();
    await stack.close();
  };
  try {
    const admin = await staff.signIn('admin');
    const pages: Page[] = [];
    for (const user of others) pages.push(await staff.signIn(user));
    // One page a name, in order: the tuple type only says so.
    return { stack, staff, admin, others: pages as { [K in keyof Users]: Page }, close };
  } catch (e) {
    // A sign-in that fails leaves nothing running for the next spec file.
    await close();
    throw e;
  }
}
