// A page's own data, asked for once the stream is online: at once when
// it is, else as soon as it is. A page opened straight from its address (a
// reload, a bookmark, a pasted link) mounts while this device's saved sign-in
// is still connecting, and a command sent then only fails with "You are
// offline." (forms/run.ts) with nothing to try again: the account page stayed
// empty that way. Asked again whenever the stream is back after a drop, and
// when `key` changes (another record opened in the same page).
import { ref, watch, type Ref, type WatchSource } from 'vue';
import { useConnection } from './connection.store.ts';

export interface OnlineLoad {
  /** Until the first load has answered (waiting for the stream included): the page shows its progress. */
  readonly loading: Ref<boolean>;
}

export function useOnlineLoad(load: () => unknown, key?: WatchSource): OnlineLoad {
  const connection = useConnection();
  const loading = ref(true);
  watch(
    [() => connection.state === 'online', key ?? (() => undefined)],
    async ([online]) => {
      if (!online) return;
      try {
        await load();
      } finally {
        loading.value = false;
      }
    },
    { immediate: true },
  );
  return { loading };
}
