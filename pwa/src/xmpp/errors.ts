// Connection failures → text a nurse can act on.
export const TEXT = {
  credentials: 'Wrong username or password. Check them and try again.',
  unreachable: 'Cannot reach the Bleep server. Check your network; you can sign in when it is back.',
  retrying: 'The Bleep server cannot be reached; retrying… You stay signed in.',
  noConfig: 'This device has never reached the Bleep server. Connect to the hospital network and reload.',
  failed: 'Signing in failed. Try again; if it keeps happening, tell IT.',
  signInExpired:
    'Your sign-in on this device has ended (unused for too long, or signed out). Sign in with your password.',
  disabled: 'This account is disabled: it cannot sign in. Ask an admin of your hospital to enable it again.',
  signedOutByAdmin: 'An admin signed this device out (a lost device?). Sign in again with your password.',
} as const;

/**
 * Prosody (prosody/modules/mod_bleep_accounts.lua) ends a disabled account's
 * streams with not-authorized and refuses its sign-ins, saying "This account
 * is disabled"; a wrong password is not-authorized too, without that text.
 */
export function accountDisabled(err: unknown): boolean {
  const e = err as { condition?: string; text?: string; message?: string } | undefined;
  return /account is disabled/i.test(`${e?.text ?? ''} ${e?.message ?? ''}`);
}

/** Why the server ended this session for good (an admin's doing), in words; undefined for any other end. */
export function endedByAdmin(err: unknown): string | undefined {
  const e = err as { text?: string; message?: string } | undefined;
  if (accountDisabled(err)) return TEXT.disabled;
  // prosody/modules/mod_bleep_devices.lua
  if (/admin signed this device out/i.test(`${e?.text ?? ''} ${e?.message ?? ''}`)) return TEXT.signedOutByAdmin;
  return undefined;
}

export function userMessage(err: unknown): string {
  const e = err as { condition?: string; message?: string } | undefined;
  if (accountDisabled(err)) return TEXT.disabled;
  if (e?.condition === 'not-authorized' || /not-authorized/.test(e?.message ?? '')) return TEXT.credentials;
  if (/websocket|network|connect|ECONN|timeout/i.test(e?.message ?? '')) return TEXT.unreachable;
  return TEXT.failed;
}
