// A conversation's lines when a message comes twice: a copy that could not be
// decrypted never hides one that was, and one that was read replaces it.
import { describe, expect, it } from 'vitest';
import type { Shown } from './content.ts';
import { insert, newConversation, prepend, type Line } from './timeline.ts';

const FAILED = 'This message could not be decrypted: its key is invalid or was already used.';
const line = (content: Shown, archiveId = 'arch-1'): Line => ({
  id: 'r1',
  content,
  from: 'amara@h.example',
  nick: 'amara',
  mine: false,
  at: '2026-11-30T22:00:00.000Z',
  archiveId,
  status: 'delivered',
  edited: false,
  retracted: false,
  security: 'encrypted',
});
const read = line({ kind: 'text', body: 'Handover at 7' });
const failed = line({ kind: 'undecryptable', reason: FAILED });
const body = (l: Line) => (l.content.kind === 'text' ? l.content.body : l.content.kind);

describe('a message that comes twice, read once', () => {
  it('live: a copy read replaces the one that could not be, and a failure never replaces a text', () => {
    const c = newConversation('ward5@conference.h.example', 'groupchat');
    insert(c, { ...failed });
    expect(insert(c, { ...read }).added).toBe(false);
    insert(c, { ...failed });
    expect(c.lines.map(body)).toEqual(['Handover at 7']);
  });

  it('from an older archive page: the same', () => {
    const c = newConversation('ward5@conference.h.example', 'groupchat');
    insert(c, { ...failed });
    expect(prepend(c, [{ ...read }])).toEqual([]);
    prepend(c, [{ ...failed }]);
    expect(c.lines.map(body)).toEqual(['Handover at 7']);
  });
});
