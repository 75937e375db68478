// What an invite link is for, asked of the component before anyone signs in
// (protocol INVITE_INFO_PATH); its refusal (used, withdrawn, expired) in its
// own words. A bad answer is an Error value, never a throw.
import { INVITE_FIELDS as F, INVITE_INFO_PATH, PASSWORD_MIN, type InviteInfo } from '@bleep/protocol';

export async function inviteInfo(token: string): Promise<InviteInfo | Error> {
  try {
    const res = await fetch(INVITE_INFO_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ [F.token]: token }),
    });
    const body = (await res.json()) as { ok?: boolean; text?: string; invite?: InviteInfo };
    if (!body.ok || !body.invite) return new Error(body.text || 'This invite link does not work. Ask for a new one.');
    return body.invite;
  } catch {
    return new Error('The server cannot be reached. Check the network and open the link again.');
  }
}

/** What is wrong with the chosen password, in words that say what to do; '' when it will do. */
export function passwordProblem(password: string, again: string, account: string): string {
  if ([...password].length < PASSWORD_MIN) return `Choose a password of at least ${PASSWORD_MIN} characters.`;
  if (password.toLowerCase().includes(account.toLowerCase()))
    return 'Your password must not contain your account name. Choose another.';
  if (password !== again) return 'The two passwords differ. Type the same password twice.';
  return '';
}
