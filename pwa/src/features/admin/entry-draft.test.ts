import { describe, expect, it } from 'vitest';
import { rolesOf } from './entry-draft.ts';

describe('rolesOf', () => {
  it('reads roles typed with commas or one a line, lower-cased, blanks dropped', () => {
    expect(rolesOf('Doctor, cardiology\n\n nurse ,')).toEqual(['doctor', 'cardiology', 'nurse']);
  });
});
