// What a conversation page does, for 1:1 chats and rooms alike: day rows,
// following the newest message, older history on scroll, and the composer's
// draft with the correction of one of the user's own messages.
import { computed, ref, watch } from 'vue';
import { dayRows } from './day-rows.ts';

const WINDOW = 60;

interface Line {
  readonly id: string;
  readonly at: string;
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
  /**
   * Only the newest WINDOW messages are in the page until the user scrolls up:
   * a long conversation otherwise costs a layout of every message for each new
   * one (seen in send-to-display's p95 at 400 messages).
   */
  const shown = ref(WINDOW);
  const hidden = computed(() => Math.max(0, o.lines().length - shown.value));
  /** Each line with its day heading when the day changes (computed once per change, not per render). */
  const rows = computed(() => dayRows(o.lines().slice(hidden.value)));
  /** Something above the first message shown: in memory, or in the archive. */
  const moreAbove = computed(() => hidden.value > 0 || !o.historyComplete());
  watch(o.lines, () => (shown.value = WINDOW)); // another conversation

  /**
   * Whether the user is at the newest message, kept from scroll events: reading
   * the layout when a message arrives would force it in the middle of sending
   * or receiving (about 1.3 ms a message on each side in send-to-display).
   */
  let following = true;
  // A new message joins the window (which does not slide one row at a time:
  // that would change two rows per message). At the bottom, the window is cut
  // back once it has doubled, and the new message is scrolled to in the next
  // frame, whose layout is needed for painting anyway. A user reading further
  // up keeps what they read. Older pages put in front do not scroll.
  watch(
    () => o.lines().at(-1)?.id,
    () => {
      shown.value = following && shown.value >= 2 * WINDOW ? WINDOW : shown.value + 1;
      if (following && scroller.value)
        requestAnimationFrame(() => {
          const s = scroller.value;
          if (s) s.scrollTop = s.scrollHeight;
        });
    },
  );

  /** Shows earlier messages: those kept in memory first, then a page from the archive. */
  function older(): void {
    const fromArchive = hidden.value === 0;
    shown.value += WINDOW;
    if (fromArchive && !o.historyComplete()) o.loadOlder();
  }

  async function submit(): Promise<void> {
    const text = draft.value;
    const id = editing.value;
    draft.value = '';
    editing.value = '';
    if (id) await o.correct(id, text);
    else await o.send(text);
  }
  function startEdit(id: string, text: string): void {
    editing.value = id;
    draft.value = text;
  }
  function cancelEdit(): void {
    editing.value = '';
    draft.value = '';
  }
  function onScroll(): void {
    const s = scroller.value;
    if (!s) return;
    following = s.scrollTop + s.clientHeight >= s.scrollHeight - 40;
    if (s.scrollTop < 40 && moreAbove.value) older();
  }

  return { draft, editing, scroller, rows, moreAbove, older, submit, startEdit, cancelEdit, onScroll };
}
