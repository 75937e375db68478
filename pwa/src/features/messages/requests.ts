// Requests' live states (issue #8), by request id: the newest one known is
// kept, whether it came before or after the request itself (archive pages come
// in any order), and every line of that request, in any conversation, shows it.
import type { RequestState } from '@bleep/protocol';
import { reactive } from 'vue';
import { requestLineId } from './kinds/request.ts';
import { newerState } from './kinds/request-status.ts';
import type { Conversation, Line } from './timeline.ts';

export function createRequestStates() {
  /** Reactive, so that pages other than the conversation (the Requests tab) follow too. */
  const newest = reactive(new Map<string, RequestState>());

  function keep(s: RequestState): RequestState {
    const merged = newerState(newest.get(s.id), s);
    newest.set(s.id, merged);
    return merged;
  }

  /** Gives a request's line the state; a new content object, so the row and the list preview redraw. */
  function show(line: Line, s: RequestState): void {
    if (line.content.kind !== 'request' || line.content.request.state === s) return;
    line.content = { kind: 'request', request: { ...line.content.request, state: s } };
  }

  return {
    states: newest as ReadonlyMap<string, RequestState>,
    /** A new state: kept, and shown on every line of that request. */
    apply(s: RequestState, conversations: Iterable<Conversation>): void {
      const merged = keep(s);
      const id = requestLineId(s.id);
      for (const c of conversations) for (const l of c.lines) if (l.id === id) show(l, merged);
    },
    /** A request's line was placed (or came again): it shows the newest state known, its own included. */
    placed(line: Line, own: RequestState): void {
      show(line, keep(own));
    },
    clear: () => newest.clear(),
  };
}
