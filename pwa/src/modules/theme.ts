// Theme: 'auto' follows prefers-color-scheme; a choice is kept in localStorage.
import type { App } from 'vue';

export type Theme = 'auto' | 'light' | 'dark';
const KEY = 'bleep.theme';

export function savedTheme(): Theme {
  const t = localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'auto';
}

export function applyTheme(t: Theme): void {
  if (t === 'auto') {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(KEY);
  } else {
    document.documentElement.dataset.theme = t;
    localStorage.setItem(KEY, t);
  }
}

export default {
  install(_app: App): void {
    applyTheme(savedTheme());
  },
};
