import { describe, expect, it } from 'vitest';
import { Announcing } from './announcing.ts';

/** An announce whose outcomes the test sets, one per attempt, and which counts them. */
function attempts(...outcomes: boolean[]) {
  const calls = { n: 0 };
  const gates: (() => void)[] = [];
  const attempt = async () => {
    const ok = outcomes[calls.n++] ?? true;
    await new Promise<void>((r) => gates.push(r));
    return ok;
  };
  const release = async () => {
    while (gates.length) gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { calls, attempt, release };
}

describe('announcing this device', () => {
  it('tries again on a resumed stream when the announce the drop cut off failed, and not once one went through', async () => {
    const a = attempts(false, true);
    const announcing = new Announcing(a.attempt);
    const first = announcing.newStream();
    await a.release();
    await first;
    expect(a.calls.n).toBe(1);
    const second = announcing.resumed();
    await a.release();
    await second;
    expect(a.calls.n).toBe(2);
    await announcing.resumed();
    expect(a.calls.n).toBe(2);
  });

  it('tries again once when the stream was resumed while an announce was under way and it failed', async () => {
    const a = attempts(false, true);
    const announcing = new Announcing(a.attempt);
    const first = announcing.newStream();
    void announcing.resumed();
    await a.release();
    await a.release();
    await first;
    expect(a.calls.n).toBe(2);
  });

  it('announces on every new stream', async () => {
    const a = attempts(true, true);
    const announcing = new Announcing(a.attempt);
    for (let i = 0; i < 2; i++) {
      const done = announcing.newStream();
      await a.release();
      await done;
    }
    expect(a.calls.n).toBe(2);
  });
});
