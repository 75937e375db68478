// Invites (issue #13): a server admin invites one person or several, each
// with an expiry and a preset (name, roles, department). The link opens the
// PWA's onboarding page (INVITE_PAGE + token), which asks the component about
// the invite (INVITE_INFO_PATH, no sign-in yet) and registers in-band with
// the token (XEP-0401 preauth, then XEP-0077); the preset is applied when
// Prosody creates the account.

export const FORM_INVITE = 'urn:bleep:invite:0';
export const FORM_INVITES = 'urn:bleep:invites:0';
export const FORM_INVITE_REVOKE = 'urn:bleep:invite:revoke:0';

/** XEP-0050 command nodes of the invites service on ops.<domain>; server admins only. */
export const INVITE_COMMANDS = {
  /** Form FORM_INVITE (names, roles, department, days) → table FORM_INVITES of the invites made. */
  inviteCreate: 'invite-create',
  /** Table FORM_INVITES: the pending invites. */
  invites: 'invites',
  /** Form FORM_INVITE_REVOKE (token): the link stops working. */
  inviteRevoke: 'invite-revoke',
} as const;

/** The audit action of a preset applied when the invited person's account was created. */
export const INVITE_ACCEPTED = 'invite-accepted';

export const INVITE_FIELDS = {
  /** text-multi: one person's name per line; one invite each. */
  names: 'names',
  name: 'name',
  roles: 'roles',
  department: 'department',
  /** How many days the link is valid. */
  days: 'days',
  token: 'token',
  /** The account the invite creates. */
  jid: 'jid',
  inviter: 'inviter',
  /** XEP-0082 time the link stops working. */
  expires: 'expires',
  /** The onboarding page's address. */
  link: 'link',
} as const;

export const INVITE_DAYS_DEFAULT = 7;
export const INVITE_DAYS_MAX = 30;

/** The PWA's onboarding page: INVITE_PAGE + token. */
export const INVITE_PAGE = '/invite/';
/** POST { token } → InviteInfo, or { error, text }; the component's HTTP route, behind the web proxy. */
export const INVITE_INFO_PATH = '/invite-info';

export interface InviteInfo {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  /** The admin who invited (their directory name, else their address). */
  readonly inviter: string;
  readonly expires: string;
}
