import { ERROR_KEYS, NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { BleepError, ERRORS, errorElement } from './errors.ts';

describe('error registry', () => {
  it('has an entry for every key the protocol declares', () => {
    expect(Object.keys(ERRORS).sort()).toEqual([...ERROR_KEYS].sort());
  });

  for (const key of ERROR_KEYS)
    it(`renders ${key} as a typed stanza error with a readable text and its key`, () => {
      const el = errorElement(new BleepError(key));
      expect(el.attrs.type).toBe(ERRORS[key].type);
      expect(el.getChild(ERRORS[key].condition, NS_STANZAS)).toBeDefined();
      expect(el.getChildText('text', NS_STANZAS)).toBe(ERRORS[key].text);
      expect(el.getChild(key, NS_BLEEP_ERRORS)).toBeDefined();
    });

  it('uses the detail text when a refusal says more', () => {
    const el = errorElement(new BleepError('unknown-command', 'There is no command "x".'));
    expect(el.getChildText('text', NS_STANZAS)).toBe('There is no command "x".');
  });

  it('hides an unexpected error behind internal, without its message', () => {
    const el = errorElement(new Error('db password is hunter2'));
    expect(el.getChild('internal-server-error', NS_STANZAS)).toBeDefined();
    expect(el.toString()).not.toContain('hunter2');
  });
});
