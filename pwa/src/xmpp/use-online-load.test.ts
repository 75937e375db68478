// A page opened from its address mounts before the stream is back: its
// data is asked for once online, not before (that only failed, "You are
// offline."), and the page shows it is loading until the answer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { fakeClient, link } from '../features/messages/fake-connection.ts';
import { useOnlineLoad } from './use-online-load.ts';

vi.mock('./connection.store.ts', () => import('../features/messages/fake-connection.ts'));

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a page’s own data', () => {
  beforeEach(() => link.offline());

  it('is asked for once the stream is online, and the page is loading until it is in', async () => {
    const load = vi.fn(async () => {});
    const { loading } = effectScope().run(() => useOnlineLoad(load))!;
    await flush();
    expect(load).not.toHaveBeenCalled();
    expect(loading.value).toBe(true);
    await link.ready(fakeClient('admin@h.example'));
    await nextTick();
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(loading.value).toBe(false);
  });

  it('is asked for at once when online, again for another record and after a drop', async () => {
    await link.ready(fakeClient('admin@h.example'));
    const id = ref('code-blue');
    const load = vi.fn();
    effectScope().run(() => useOnlineLoad(load, id));
    expect(load).toHaveBeenCalledTimes(1);
    id.value = 'fire';
    await nextTick();
    expect(load).toHaveBeenCalledTimes(2);
    link.offline();
    await nextTick();
    link.resumed();
    await nextTick();
    expect(load).toHaveBeenCalledTimes(3);
  });
});
