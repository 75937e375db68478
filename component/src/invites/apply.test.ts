// Presets Prosody kept while the component was away (issue #13): one that
// cannot be applied does not hold up the others, stays in Prosody for the next
// connect, and its log line names no one.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DirectoryChanges } from '../directory/changes.ts';
import { createLogger } from '../log.ts';
import { memoryStore } from '../store/memory.ts';
import type { DirectoryStore } from '../store/types.ts';
import { applyMissed } from './apply.ts';
import type { Registered } from './prosody.ts';

const DOMAIN = 'bleep.localhost';
const kept = (user: string, name: string): Registered => ({
  user,
  token: `t-${user}`,
  preset: { name, roles: ['nurse'], department: 'Ward 3', inviter: `admin@${DOMAIN}` },
});

describe('applying the presets missed while away', () => {
  it('goes on past one it cannot apply, keeps that one in Prosody, and logs no name', async () => {
    const store = memoryStore();
    // The store refuses the second entry (a database failure, say); the others go in.
    const directory: DirectoryStore = {
      ...store.directory,
      edit: (e, meta) =>
        e.jid === `bea.broken@${DOMAIN}`
          ? Promise.reject(new Error(`cannot store ${e.jid}`))
          : store.directory.edit(e, meta),
    };
    const left = [kept('ann.first', 'Ann First'), kept('bea.broken', 'Bea Broken'), kept('cal.third', 'Cal Third')];
    const invites = {
      unapplied: async () => [...left],
      applied: async (user: string) =>
        void left.splice(
          left.findIndex((r) => r.user === user),
          1,
        ),
    };
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );

    const missed = await applyMissed(
      invites,
      { directory, changes: new DirectoryChanges(() => {}), domain: DOMAIN },
      log,
    );

    expect(missed).toEqual({ applied: 2, failed: 1 });
    expect((await store.directory.get(`cal.third@${DOMAIN}`))?.name).toBe('Cal Third');
    expect((await store.directory.get(`ann.first@${DOMAIN}`))?.name).toBe('Ann First');
    expect(left.map((r) => r.user)).toEqual(['bea.broken']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('not applied');
    expect(lines[0]).not.toMatch(/bea|broken/i);
  });
});
