// What a conversation page does, for 1:1 chats and rooms alike: day rows,
// following the newest message, older history on scroll, and the composer's
// draft with the correction of one of the user's own messages.
import { computed, nextTick, ref, watch } from 'vue';
import { dayRows } from './day-rows.ts';

interface Line {
  readonly id: string;
  readonly at: string;
  readonly body: string;
}

export function useConversation<L extends Line>(o: {
  lines: () => readonly L[];
  historyComplete: () => boolean;
  loadOlder: () => void;
  send: (text: string) => Promise<void>;
  correct: (id: string, text: string) => Promise<void>;
}) {
  const draft = ref('');
  /** The id of the own message being corrected, or ''. */
  const editing = ref('');
  const scroller = ref<HTMLElement | null>(null);
  /** Each line with its day heading when the day changes (computed once per change, not per render). */
  const rows = computed(() => dayRows(o.lines()));

  // A new last message scrolls to it; older pages put in front do not.
  watch(
    () => o.lines().at(-1)?.id,
    async () => {
      await nextTick();
      scroller.value?.scrollTo({ top: scroller.value.scrollHeight });
    },
  );

  async function submit(): Promise<void> {
    const text = draft.value;
    const id = editing.value;
    draft.value = '';
    editing.value = '';
    if (id) await o.correct(id, text);
    else await o.send(text);
  }
  function startEdit(l: L): void {
    editing.value = l.id;
    draft.value = l.body;
  }
  function cancelEdit(): void {
    editing.value = '';
    draft.value = '';
  }
  function onScroll(): void {
    if (scroller.value && scroller.value.scrollTop < 40 && !o.historyComplete()) o.loadOlder();
  }

  return { draft, editing, scroller, rows, submit, startEdit, cancelEdit, onScroll };
}
