// One admin action at a time on a page: what runs now (its buttons wait and
// say so), then the component's note, or its refusal in words (ActionOutcome).
import { ref } from 'vue';

export function useAction() {
  /** What runs now ('' when nothing). */
  const busy = ref('');
  const done = ref('');
  const refused = ref('');

  /** Runs `work` (its result is the note shown) as `what`, unless something runs already. */
  async function act(work: () => Promise<string>, what = 'action'): Promise<void> {
    if (busy.value) return;
    busy.value = what;
    done.value = refused.value = '';
    try {
      done.value = await work();
    } catch (err) {
      refused.value = (err as Error).message;
    } finally {
      busy.value = '';
    }
  }

  return { busy, done, refused, act };
}
