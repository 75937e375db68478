// The app's main tabs, declared once: the router makes a route of each, and
// the shell shows a tab only to people whose roles may use it. A feature adds
// its tab with one line here.
import ConversationsPane from '../features/conversations/ConversationsPane.vue';
import { useConversationList } from '../features/conversations/use-conversation-list.ts';
import DirectoryList from '../features/directory/DirectoryList.vue';
import RequestsPane from '../features/requests/RequestsPane.vue';
import AlarmsPane from '../features/alarms/AlarmsPane.vue';
import { defineAsyncComponent } from 'vue';
import { maySeeMap } from '../features/map/may.ts';
import { everyone, holds, type Tab } from './tab.ts';

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
  {
    id: 'map',
    label: 'Map',
    icon: 'map',
    path: '/map',
    // Loaded only when opened: Leaflet and the map code never reach staff who are not dispatchers.
    pane: defineAsyncComponent(() => import('../features/map/MapPane.vue')),
    page: defineAsyncComponent(() => import('../features/map/MapPage.vue')),
    may: maySeeMap,
    refused:
      'The map is for dispatchers and admins: it shows where colleagues are. Your account does not have that role; ask an admin if you need it.',
  },
  // Open incidents (issue #10): the dispatcher's list; the component lists them to staff who ask, too.
  { id: 'incidents', label: 'Incidents', icon: 'bell', path: '/incidents', pane: AlarmsPane, may: maySeeMap },
  {
    // Administration (issue #13): admins only; loaded when opened.
    id: 'admin',
    label: 'Admin',
    icon: 'shield',
    path: '/admin',
    pane: defineAsyncComponent(() => import('../features/admin/AdminAccounts.vue')),
    may: holds('admin'),
    refused:
      "Administration is for admins: accounts and the hospital's settings. Your account does not have that role; ask an admin if you need something changed.",
  },
];
