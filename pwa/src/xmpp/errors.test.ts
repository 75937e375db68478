import { describe, expect, it } from 'vitest';
import { accountDisabled, endedByAdmin, TEXT, userMessage } from './errors.ts';

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

  it('says when an admin ended the session for good, and nothing for any other end', () => {
    expect(endedByAdmin(disabled)).toBe(TEXT.disabled);
    const lost = {
      condition: 'not-authorized',
      text: 'An admin signed this device out. Sign in again with your password.',
    };
    expect(endedByAdmin(lost)).toBe(TEXT.signedOutByAdmin);
    expect(endedByAdmin({ condition: 'not-authorized' })).toBeUndefined();
    expect(endedByAdmin({ condition: 'system-shutdown', text: 'Server is shutting down' })).toBeUndefined();
  });
});
