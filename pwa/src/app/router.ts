import { createRouter, createWebHistory } from 'vue-router';
import HomePage from '../features/session/HomePage.vue';
import LoginPage from '../features/session/LoginPage.vue';
import ChatPage from '../features/chat/ChatPage.vue';
import RoomPage from '../features/rooms/RoomPage.vue';
import { useConnection } from '../xmpp/connection.store.ts';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomePage, meta: { signedIn: true } },
    { path: '/login', component: LoginPage },
    { path: '/chat/:peer', component: ChatPage, meta: { signedIn: true } },
    { path: '/room/:room', component: RoomPage, meta: { signedIn: true } },
    { path: '/:rest(.*)', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  const signedIn = useConnection().signedIn();
  if (to.meta.signedIn && !signedIn) return '/login';
  if (to.path === '/login' && signedIn) return '/';
  return true;
});
