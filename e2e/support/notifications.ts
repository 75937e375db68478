// Stands in for the system's notifications in a page: records what Bleep asks
// to show, and makes the page look hidden (in the background).
import type { Page } from 'playwright-core';

export interface Note {
  title: string;
  body: string;
}

export function recordNotifications(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __notes: { title: string; body: string }[]; Notification: unknown };
    w.__notes = [];
    w.Notification = class {
      static permission = 'default';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, opts: { body: string }) {
        w.__notes.push({ title, body: opts.body });
      }
      close() {}
    };
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
  });
}

export const notes = (page: Page): Promise<Note[]> =>
  page.evaluate(() => (window as unknown as { __notes: Note[] }).__notes);
