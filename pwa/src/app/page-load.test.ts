import { createMemoryHistory, createRouter } from 'vue-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAILED_TEXT, OFFLINE_TEXT, pageLoadError, watchPageLoads } from './page-load.ts';

// A real router; the Settings page's chunk fails to load as Chromium reports it.
const Home = { render: () => null };
const chunkMissing = () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module: https://bleep.test/assets/Settings-1.js'));

function setUp(online: boolean) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Home },
      { path: '/settings', component: chunkMissing },
      { path: '/other', component: Home },
    ],
  });
  const stored = new Map<string, string>();
  const reloads: string[] = [];
  watchPageLoads(router, {
    online: () => online,
    reload: (path) => reloads.push(path),
    session: {
      getItem: (k) => stored.get(k) ?? null,
      setItem: (k, v) => void stored.set(k, v),
      removeItem: (k) => void stored.delete(k),
    },
  });
  return { router, reloads };
}

beforeEach(() => {
  pageLoadError.value = '';
});

describe('a page whose code is not on the device', () => {
  it('offline: stays on the current page and says why, and the notice goes on the next page opened', async () => {
    const { router, reloads } = setUp(false);
    await router.push('/');
    await router.push('/settings').catch(() => undefined);
    expect(router.currentRoute.value.path).toBe('/');
    expect(pageLoadError.value).toBe(OFFLINE_TEXT);
    expect(reloads).toEqual([]);
    await router.push('/other');
    expect(pageLoadError.value).toBe('');
  });

  it('online: loads the new version of the app at that page once, then says what to do instead of looping', async () => {
    const { router, reloads } = setUp(true);
    await router.push('/');
    await router.push('/settings').catch(() => undefined);
    expect(reloads).toEqual(['/settings']);
    expect(pageLoadError.value).toBe('');
    // After that reload the chunk still fails (the same tab here): no second reload.
    await router.push('/settings').catch(() => undefined);
    expect(reloads).toEqual(['/settings']);
    expect(pageLoadError.value).toBe(FAILED_TEXT);
  });
});
