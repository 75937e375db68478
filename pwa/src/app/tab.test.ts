import { describe, expect, it } from 'vitest';
import { everyone, holds, tabsFor, type Tab } from './tab.ts';

const tab = (id: string, may: Tab['may']): Tab => ({ id, label: id, icon: 'chats', path: `/${id}`, pane: {}, may });
const tabs = [
  tab('chats', everyone),
  tab('alarms', everyone),
  tab('map', holds('dispatcher')),
  tab('admin', holds('admin')),
];
const ids = (roles: string[]) => tabsFor(tabs, roles).map((t) => t.id);

describe('main tabs by role', () => {
  it('shows a nurse only the tabs for everyone', () => {
    expect(ids(['nurse'])).toEqual(['chats', 'alarms']);
  });

  it('shows a dispatcher the map, and an admin who dispatches both, in the declared order', () => {
    expect(ids(['dispatcher'])).toEqual(['chats', 'alarms', 'map']);
    expect(ids(['admin', 'dispatcher'])).toEqual(['chats', 'alarms', 'map', 'admin']);
  });
});
