import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { router } from './app/router.ts';
import theme from './modules/theme.ts';
import { notifications } from './modules/notifications.ts';
import { useConnection } from './xmpp/connection.store.ts';
import './styles.css';
import './ui/conversation.css';

const app = createApp(App).use(createPinia()).use(theme);
void useConnection().init();
app.use(router).use(notifications(router)).mount('#app');
