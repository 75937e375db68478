import { describe, expect, it } from 'vitest';
import { accountDisabled, TEXT, userMessage } from './errors.ts';

describe('connection failures in words', () => {
  const disabled = {
    condition: 'not-authorized',
    text: 'This account is disabled. Ask an admin of your hospital to enable it again.',
  };

  it('tells a disabled account apart from a wrong password, though both are not-authorized', () => {
    expect(accountDisabled(disabled)).toBe(true);
    expect(userMessage(disabled)).toBe(TEXT.disabled);
    // How xmpp.js words a refused bind: condition - text.
    expect(userMessage(new Error('not-authorized - This account is disabled. Ask an admin.'))).toBe(TEXT.disabled);
    expect(accountDisabled({ condition: 'not-authorized' })).toBe(false);
    expect(userMessage({ condition: 'not-authorized' })).toBe(TEXT.credentials);
  });
});
