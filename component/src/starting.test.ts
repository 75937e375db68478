import { describe, expect, it } from 'vitest';
import { Starting } from './starting.ts';
import { BleepError } from './xmpp/errors.ts';

const refused = (s: Starting, node: string) => {
  try {
    s.check(node);
    return undefined;
  } catch (err) {
    return err instanceof BleepError ? err.key : 'other';
  }
};

describe('Starting', () => {
  const setup = () => {
    const s = new Starting();
    s.add('alarms', true);
    s.add('rooms', true);
    s.add('directory', false);
    s.own('alarm', ['alarms']);
    s.own('whoami', ['directory']);
    s.own('rename-department', ['directory', 'rooms']);
    return s;
  };

  it("holds a service's commands until its start is done, and those that wait for another's until that one's", () => {
    const s = setup();
    expect(['alarm', 'whoami', 'rename-department'].map((n) => refused(s, n))).toEqual([
      'starting',
      undefined,
      'starting',
    ]);
    s.started('alarms');
    expect(refused(s, 'alarm')).toBeUndefined();
    expect(refused(s, 'rename-department')).toBe('starting');
    s.started('rooms');
    expect(refused(s, 'rename-department')).toBeUndefined();
  });

  it('lets everything through once the whole start is done, and unknown nodes at any time (unknown-command)', () => {
    const s = setup();
    expect(refused(s, 'no-such-command')).toBeUndefined();
    s.done();
    expect(['alarm', 'rename-department'].map((n) => refused(s, n))).toEqual([undefined, undefined]);
  });

  it('names what a command waits for that no service is (a misspelling)', () => {
    const s = setup();
    s.own('x', ['directory', 'room']);
    expect(s.unknown()).toEqual(['room']);
  });
});
