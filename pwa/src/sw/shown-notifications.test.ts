import { describe, expect, it } from 'vitest';
import { shownNotifications } from './shown-notifications.ts';

/**
 * Chromium's notification store as far as it matters here (shown-notifications.ts): showNotification() records
 * the notification, then it is displayed when the test says; getNotifications() deletes the record of any not
 * displayed yet.
 */
function chromium() {
  const records = new Map<string, Notification>();
  const displayed = new Set<string>();
  const waiting: (() => void)[] = [];
  const registration = {
    showNotification: (title: string, options: NotificationOptions = {}) => {
      records.set(options.tag!, { title, tag: options.tag! } as Notification);
      return new Promise<void>((resolve) => waiting.push(() => resolve(void displayed.add(options.tag!))));
    },
    getNotifications: async () => {
      for (const tag of records.keys()) if (!displayed.has(tag)) records.delete(tag);
      return [...records.values()];
    },
  };
  /** The browser displays the next notification: its showNotification() resolves. */
  const display = () => new Promise<void>((resolve) => setTimeout(() => resolve(waiting.shift()!())));
  return { registration, display };
}
const tags = (ns: Notification[]) => ns.map((n) => n.tag).sort();

describe("the worker's notifications", () => {
  it('lists (for the badge) a notification still being shown once it is on display, and it stays listed', async () => {
    const { registration, display } = chromium();
    const shown = shownNotifications(registration);
    // Two pushes at once: a Code Blue and a message.
    const alarm = shown.show('CODE BLUE', { tag: 'alarm:i' });
    void shown.show('New message from Amara Okafor', { tag: 'chat:amara' });
    await display();
    await alarm;
    // The alarm's badge update lists while the message is still being shown.
    const listed = shown.list();
    await display();
    expect(tags(await listed)).toEqual(['alarm:i', 'chat:amara']);
    expect(tags(await shown.list())).toEqual(['alarm:i', 'chat:amara']);
  });

  it('lists at once when nothing is being shown, and after a refused show', async () => {
    const { registration } = chromium();
    const refused = { ...registration, showNotification: () => Promise.reject(new TypeError('no permission')) };
    const shown = shownNotifications(refused);
    await expect(shown.show('x', { tag: 'x' })).rejects.toThrow('no permission');
    expect(await shown.list()).toEqual([]);
  });
});
