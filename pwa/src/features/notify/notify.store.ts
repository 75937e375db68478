// In-app notifications while Bleep is open in the background (Notification API).
// Message text may be patient data, so a notification shows only who wrote,
// unless the user chooses to show the text (kept on this device).
import { defineStore } from 'pinia';
import { ref } from 'vue';

const KEY = 'bleep.notify.showText';

export const useNotify = defineStore('notify', () => {
  const supported = typeof Notification !== 'undefined';
  const permission = ref<NotificationPermission>(supported ? Notification.permission : 'denied');
  const showText = ref(localStorage.getItem(KEY) === 'true');

  async function enable(): Promise<void> {
    if (!supported) return;
    permission.value = await Notification.requestPermission();
  }

  function setShowText(on: boolean): void {
    showText.value = on;
    localStorage.setItem(KEY, String(on));
  }

  /** Notifies only when the app is in the background and the user allowed it. */
  function message(from: string, text: string, open: () => void): void {
    if (!supported || permission.value !== 'granted' || document.visibilityState === 'visible') return;
    const n = new Notification(`New message from ${from}`, {
      body: showText.value ? text : 'Open Bleep to read it.',
      tag: `chat:${from}`,
      icon: '/icons/icon-192.png',
    });
    n.onclick = () => {
      window.focus();
      open();
      n.close();
    };
  }

  return { supported, permission, showText, enable, setShowText, message };
});
