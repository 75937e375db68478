import { describe, expect, it } from 'vitest';
import { matches } from './search.ts';

const priya = {
  jid: 'nurse@bleep.localhost',
  name: 'Priya Shah',
  roles: ['nurse'],
  department: 'Emergency',
  extension: '4711',
  onDuty: true,
  online: false,
};

describe('directory search', () => {
  it('finds a person by name, address, role or department, whatever the case', () => {
    for (const q of ['priya', 'SHAH', 'nurse@', 'Nurse', 'emerg', '  shah  ', ''])
      expect(matches(priya, q), q).toBe(true);
  });

  it('leaves out a person nothing matches', () => {
    for (const q of ['doctor', 'Cardiology', '4711x']) expect(matches(priya, q), q).toBe(false);
  });
});
