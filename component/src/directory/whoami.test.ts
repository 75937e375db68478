import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memory.ts';
import { parseCaller } from '../xmpp/router.ts';
import { seedDirectory } from './seed.ts';
import { whoami } from './whoami.ts';

describe('whoami and the directory seed', () => {
  it("answers from the directory and adds 'admin' for Prosody's admins", async () => {
    const { directory } = memoryStore();
    await seedDirectory(directory, [{ jid: 'Dana@h.example', name: 'Dana Reyes', roles: ['dispatcher'] }], 'h.example');
    const admins = new Set(['dana@h.example']);
    expect(await whoami(directory, admins, parseCaller('dana@h.example/pwa')!)).toEqual({
      jid: 'dana@h.example',
      name: 'Dana Reyes',
      roles: ['admin', 'dispatcher'],
      department: '',
    });
    expect((await whoami(directory, new Set(), parseCaller('new@h.example/x')!)).name).toBe('new');
  });

  it('refuses a bad seed whole, listing every problem', async () => {
    const { directory } = memoryStore();
    const problems = await seedDirectory(
      directory,
      [
        { jid: 'ok@h.example', name: 'Fine', roles: ['nurse'] },
        { jid: 'not a jid', name: ' ', roles: ['Bad,Role'] },
      ],
      'h.example',
    );
    expect(problems).toHaveLength(3);
    expect(await directory.list()).toEqual([]);
  });
});
