import { INVITE_PAGE } from '@bleep/protocol';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import type { RecordKind } from '../features/admin/record-pages.ts';
import LoginPage from '../features/session/LoginPage.vue';
import { useConnection } from '../xmpp/connection.store.ts';
import AppPlaceholder from './AppPlaceholder.vue';
import AppShell from './AppShell.vue';
import { TABS } from './tabs.ts';

// Pages that are not the start screen load when first opened (the service worker has them offline).
const ChatPage = () => import('../features/chat/ChatPage.vue');
const RoomPage = () => import('../features/rooms/RoomPage.vue');
const ConversationsNew = () => import('../features/conversations/ConversationsNew.vue');
const SettingsPage = () => import('../features/settings/SettingsPage.vue');
const RequestNew = () => import('../features/requests/RequestNew.vue');
const LocationPicker = () => import('../features/location/LocationPicker.vue');
const AlarmSheet = () => import('../features/alarms/AlarmSheet.vue');
const AdminAccount = () => import('../features/admin/AdminAccount.vue');
const AdminAudit = () => import('../features/admin/AdminAudit.vue');
const AdminRoleRecords = () => import('../features/admin/AdminRoleRecords.vue');
const AdminPresets = () => import('../features/admin/AdminPresets.vue');
const AdminRecordEditor = () => import('../features/admin/AdminRecordEditor.vue');
const AdminDirectory = () => import('../features/admin/AdminDirectory.vue');
const AdminEntry = () => import('../features/admin/AdminEntry.vue');
const AdminSite = () => import('../features/admin/site/AdminSite.vue');
const AdminTemplates = () => import('../features/admin/AdminTemplates.vue');
const AdminSettings = () => import('../features/admin/AdminSettings.vue');
const OnboardingPage = () => import('../features/onboarding/OnboardingPage.vue');

/** An alarm preset's or a template's editor: the kind (record-pages.ts) and the id in the address. */
const record = (kind: RecordKind, r: RouteLocationNormalized) => ({ kind, recordId: String(r.params.id) });

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: LoginPage },
    // An invite link (issue #13): before any sign-in, whoever is signed in on this device.
    { path: `${INVITE_PAGE}:token`, component: OnboardingPage },
    {
      // Each page below shows beside the current tab's list on a desktop (AppShell).
      path: '/',
      component: AppShell,
      meta: { signedIn: true },
      children: [
        ...TABS.map((t) => ({ path: t.path.slice(1), component: t.page ?? AppPlaceholder, meta: { tab: t.id } })),
        { path: 'where', component: LocationPicker },
        { path: 'chat/:peer', component: ChatPage },
        { path: 'room/:room', component: RoomPage },
        { path: 'new/:kind(role|room)?', component: ConversationsNew },
        { path: 'settings', component: SettingsPage },
        { path: 'request/:kind(chat|room)/:jid', component: RequestNew },
        { path: 'alarm', component: AlarmSheet },
        { path: 'admin/account/:jid', component: AdminAccount },
        { path: 'admin/audit', component: AdminAudit },
        { path: 'admin/role-records', component: AdminRoleRecords },
        { path: 'admin/presets', component: AdminPresets },
        { path: 'admin/preset/:id', component: AdminRecordEditor, props: (r) => record('preset', r) },
        { path: 'admin/directory', component: AdminDirectory },
        { path: 'admin/entry/:jid', component: AdminEntry },
        { path: 'admin/site', component: AdminSite },
        { path: 'admin/templates', component: AdminTemplates },
        { path: 'admin/template/:id', component: AdminRecordEditor, props: (r) => record('template', r) },
        { path: 'admin/settings', component: AdminSettings },
      ],
    },
    { path: '/:rest(.*)', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  const connection = useConnection();
  const signedIn = connection.signedIn();
  if (to.meta.signedIn && !signedIn) return '/login';
  if (to.path === '/login' && signedIn) return '/';
  // A tab the person's roles may not use (the server refuses its commands anyway).
  const tab = TABS.find((t) => t.id === to.meta.tab);
  // A tab with a refusal shows it there (AppShell) instead of its list: a clear page, never its data.
  if (tab && connection.me && !tab.may(connection.me.roles)) return tab.refused ? true : '/';
  return true;
});
