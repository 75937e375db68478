// Connection failures → text a nurse can act on.
export const TEXT = {
  credentials: 'Wrong username or password. Check them and try again.',
  unreachable: 'Cannot reach the Bleep server. Check your network; you can sign in when it is back.',
  retrying: 'The Bleep server cannot be reached; retrying… You stay signed in.',
  noConfig: 'This device has never reached the Bleep server. Connect to the hospital network and reload.',
  failed: 'Signing in failed. Try again; if it keeps happening, tell IT.',
  signInExpired:
    'Your sign-in on this device has ended (unused for too long, or signed out). Sign in with your password.',
} as const;

export function userMessage(err: unknown): string {
  const e = err as { condition?: string; message?: string } | undefined;
  if (e?.condition === 'not-authorized' || /not-authorized/.test(e?.message ?? '')) return TEXT.credentials;
  if (/websocket|network|connect|ECONN|timeout/i.test(e?.message ?? '')) return TEXT.unreachable;
  return TEXT.failed;
}
