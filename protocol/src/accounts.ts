// Accounts (issue #13): server admins disable and enable accounts through
// the component, which asks Prosody (prosody/modules/mod_bleep_accounts.lua).
// A disabled person is signed out everywhere at once and cannot sign in.

export const FORM_ACCOUNT = 'urn:bleep:account:0';
export const FORM_ACCOUNTS = 'urn:bleep:accounts:0';
export const FORM_ACCOUNT_PASSWORD = 'urn:bleep:account:password:0';
export const FORM_DEVICES = 'urn:bleep:account:devices:0';
export const FORM_DEVICE = 'urn:bleep:account:device:0';

/** XEP-0050 command nodes of the accounts service on ops.<domain>; server admins only. */
export const ACCOUNT_COMMANDS = {
  /** Every account on the server, with whether it is disabled. */
  accounts: 'accounts',
  /** Form FORM_ACCOUNT (jid): signs the person out everywhere and refuses their sign-ins. */
  accountDisable: 'account-disable',
  /** Form FORM_ACCOUNT (jid): the person may sign in again. */
  accountEnable: 'account-enable',
  /** Form FORM_ACCOUNT (jid): deletes the account and all the server kept for it (XEP-0133 delete-user). */
  accountDelete: 'account-delete',
  /** Form FORM_ACCOUNT_PASSWORD (jid, password): sets a new password (XEP-0133 change-user-password). */
  accountPassword: 'account-password',
  /** Form FORM_ACCOUNT (jid) → table FORM_DEVICES: the devices the account signed in from. */
  accountDevices: 'account-devices',
  /** Form FORM_DEVICE (jid, device): a lost phone: its sessions end, its sign-in tokens are revoked. */
  deviceSignout: 'device-signout',
} as const;

/** The shortest password an admin may set. */
export const PASSWORD_MIN = 10;

export const ACCOUNT_FIELDS = {
  jid: 'jid',
  disabled: 'disabled',
  password: 'password',
  /** A device's id on the server: sha256 of its XEP-0388 user-agent id, hex. */
  device: 'device',
  /** XEP-0082 times of its first and last sign-in. */
  first: 'first',
  last: 'last',
  /** Its sessions now. */
  online: 'online',
} as const;
