// XEP-0085 chat states for 1:1 chats and rooms alike: what we tell others
// while the user types, and who we show as typing.
import type { ChatState } from './content.ts';

const COMPOSING_EVERY_MS = 5000;
const PAUSED_AFTER_MS = 5000;
/** §5.2: 'composing' may never be followed by 'paused'; let it lapse. */
const LAPSE_MS = 30_000;

/** 'composing' at most every 5 s while keys are pressed, 'paused' 5 s after the last one, per conversation. */
export function typingSender(send: (to: string, state: ChatState) => void) {
  let lastComposing = 0;
  let to = '';
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    typed(target: string): void {
      const now = Date.now();
      if (target !== to || now - lastComposing > COMPOSING_EVERY_MS) {
        to = target;
        lastComposing = now;
        send(target, 'composing');
      }
      clearTimeout(pauseTimer);
      pauseTimer = setTimeout(() => {
        lastComposing = 0;
        send(target, 'paused');
      }, PAUSED_AFTER_MS);
    },
    /** The message went out: it says 'active' itself. */
    sent(): void {
      clearTimeout(pauseTimer);
      lastComposing = 0;
    },
  };
}

/** Who is typing where: set on 'composing', cleared by any other state, a message, or after 30 s. */
export function typingShown(set: (where: string, who: string, on: boolean) => void) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    show(where: string, who: string, state: ChatState): void {
      const key = `${where}\n${who}`;
      clearTimeout(timers.get(key));
      timers.delete(key);
      const on = state === 'composing';
      set(where, who, on);
      if (on)
        timers.set(
          key,
          setTimeout(() => {
            timers.delete(key);
            set(where, who, false);
          }, LAPSE_MS),
        );
    },
    clear(): void {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
