import { describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import { useConversation } from './use-conversation.ts';

const line = (i: number) => ({
  id: `m${i}`,
  at: new Date(Date.UTC(2026, 10, 25, 8, 0, i)).toISOString(),
  body: `message ${i}`,
});

function conversation(n: number, historyComplete = true) {
  const state = reactive({ lines: Array.from({ length: n }, (_, i) => line(i)), loads: 0 });
  const view = useConversation({
    lines: () => state.lines,
    historyComplete: () => historyComplete,
    loadOlder: () => void state.loads++,
    send: async () => {},
    correct: async () => {},
  });
  return { state, view };
}

describe('a long conversation in the page', () => {
  it('shows the newest 60 messages, and the earlier ones when asked', () => {
    const { view } = conversation(150);
    expect(view.rows.value.map((r) => r.l.id).at(0)).toBe('m90');
    expect(view.rows.value.at(-1)!.l.id).toBe('m149');
    expect(view.moreAbove.value).toBe(true);
    view.older();
    view.older();
    expect(view.rows.value).toHaveLength(150);
    expect(view.moreAbove.value).toBe(false);
  });

  it('asks the archive only once everything in memory is shown', () => {
    const { state, view } = conversation(10, false);
    expect(view.rows.value).toHaveLength(10);
    view.older();
    expect(state.loads).toBe(1);
  });

  it('adds new messages without sliding the window, and cuts it back once it has doubled', async () => {
    const { state, view } = conversation(60);
    for (let i = 60; i < 119; i++) {
      state.lines.push(line(i));
      await nextTick();
    }
    expect(view.rows.value).toHaveLength(119);
    expect(view.rows.value[0]!.l.id).toBe('m0');
    state.lines.push(line(119));
    await nextTick();
    state.lines.push(line(120));
    await nextTick();
    expect(view.rows.value[0]!.l.id).toBe('m61');
    expect(view.rows.value.at(-1)!.l.id).toBe('m120');
  });
});
