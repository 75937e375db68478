// The app's main tabs, declared once: the router makes a route of each, and
// the shell shows a tab only to people whose roles may use it. A feature adds
// its tab with one line here.
import ConversationsPane from '../features/conversations/ConversationsPane.vue';
import { useConversationList } from '../features/conversations/use-conversation-list.ts';
import DirectoryList from '../features/directory/DirectoryList.vue';
import RequestsPane from '../features/requests/RequestsPane.vue';
import { everyone, type Tab } from './tab.ts';

export const TABS: readonly Tab[] = [
  {
    id: 'chats',
    label: 'Chats',
    icon: 'chats',
    path: '/',
    pane: ConversationsPane,
    may: everyone,
    useBadge: () => useConversationList().unread,
  },
  { id: 'colleagues', label: 'Colleagues', icon: 'people', path: '/colleagues', pane: DirectoryList, may: everyone },
  { id: 'requests', label: 'Requests', icon: 'check', path: '/requests', pane: RequestsPane, may: everyone },
  // Later issues, one line each (import `holds` from ./tab.ts), e.g.:
  // { id: 'alarms', label: 'Alarms', icon: 'bell', path: '/alarms', pane: AlarmsPane, may: everyone },
  // { id: 'map', label: 'Map', icon: 'map', path: '/map', pane: MapPane, may: holds('dispatcher') },
  // { id: 'admin', label: 'Admin', icon: 'shield', path: '/admin', pane: AdminPane, may: holds('admin') },
];
