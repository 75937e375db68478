import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { watchPageLoads } from './app/page-load.ts';
import { router } from './app/router.ts';
import features from './modules/features.ts';
import theme from './modules/theme.ts';
import { notifications } from './modules/notifications.ts';
import { useConnection } from './xmpp/connection.store.ts';
import './styles.css';
import './ui/conversation.css';

const app = createApp(App).use(createPinia()).use(theme).use(features);
const connection = useConnection();
// A reload signs in with this device's token (XEP-0484); when that is not possible, the login page says why.
connection.onEnded(() => {
  if (router.currentRoute.value.meta.signedIn) void router.replace('/login');
});
void connection.start();
watchPageLoads(router, {
  online: () => navigator.onLine,
  reload: (path) => window.location.assign(path),
  session: sessionStorage,
});
app.use(router).use(notifications(router)).mount('#app');
