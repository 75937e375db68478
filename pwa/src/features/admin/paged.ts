// A list an admin reads a page at a time, newest first (the audit log, the
// records of messages to roles): the first page, then "Older" from the last
// record shown until a page comes empty; a refusal in words, never a throw.
import { ref, type Ref } from 'vue';

export interface Paged<T> {
  readonly rows: Ref<T[]>;
  readonly error: Ref<string>;
  /** Whether an older page may exist (the last one was not empty). */
  readonly more: Ref<boolean>;
  readonly loading: Ref<boolean>;
  /** The newest page. */
  first(): Promise<void>;
  /** The next page, after the last record shown. */
  older(): Promise<void>;
}

/** `page(before)`: the records older than the one with id `before` ('' for the newest). */
export function paged<T extends { readonly id: string }>(page: (before: string) => Promise<T[]>): Paged<T> {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const error = ref('');
  const more = ref(false);
  const loading = ref(false);

  async function guarded(fn: () => Promise<void>): Promise<void> {
    loading.value = true;
    try {
      await fn();
      error.value = '';
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  return {
    rows,
    error,
    more,
    loading,
    first: () =>
      guarded(async () => {
        rows.value = await page('');
        more.value = rows.value.length > 0;
      }),
    older: () =>
      guarded(async () => {
        const next = await page(rows.value.at(-1)?.id ?? '');
        rows.value = [...rows.value, ...next];
        more.value = next.length > 0;
      }),
  };
}
