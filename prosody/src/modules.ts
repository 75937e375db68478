// The Prosody modules Bleep loads, each with the one-line reason it is there.
// Declared once: render.ts writes them (the reason becomes a Lua comment) and
// validate.ts checks BLEEP_EXTRA_MODULES against `knownExtraModules`.
// Module docs: https://prosody.im/doc/modules

export interface ModuleDecl {
  readonly name: string;
  /** Why Bleep needs it; rendered as `-- why` next to the module. */
  readonly why: string;
}

/** Loaded on the users' VirtualHost (global modules_enabled). */
export const coreModules: readonly ModuleDecl[] = [
  { name: 'roster', why: 'contact lists (RFC 6121)' },
  { name: 'saslauth', why: 'login; SCRAM and PLAIN, offered only after STARTTLS' },
  // The SASL2 modules are written for Prosody trunk; the shim adds what they call (prosody/modules/mod_bleep_sasl2_compat.lua).
  {
    name: 'bleep_sasl2_compat',
    why: 'Bleep shim: the trunk APIs mod_sasl2 and mod_sasl2_fast call, missing in 0.12.3',
  },
  { name: 'sasl2', why: 'SASL2 login, one round trip less, and the base of FAST (XEP-0388)' },
  { name: 'sasl2_fast', why: 'a device signs in again with a token bound to it, no password (XEP-0484)' },
  {
    name: 'bleep_fast_revoke',
    why: 'Bleep: sign-out (XEP-0484 invalidate) revokes every token of the device, the one a renewal replaced too',
  },
  {
    name: 'bleep_devices',
    why: 'Bleep: the devices an account signed in from; admins sign a lost phone out (its sessions and tokens) through the ops component',
  },
  {
    name: 'bleep_devices_omemo',
    why: 'Bleep: which OMEMO device id each device published; a lost phone signed out leaves its people’s device list',
  },
  {
    name: 'bleep_accounts',
    why: 'Bleep: admins disable and enable accounts through the ops component; a disabled account is signed out everywhere and cannot sign in',
  },
  {
    name: 'bleep_settings',
    why: 'Bleep: server admins show, preview and apply server settings through the ops component; Prosody runs prosody-config without blocking',
  },
  { name: 'tls', why: 'STARTTLS on c2s; c2s_require_encryption refuses plain streams' },
  { name: 'disco', why: 'service discovery, so clients find MUC, upload, push and the ops component (XEP-0030)' },
  { name: 'ping', why: 'keepalive answers for clients on flaky hospital Wi-Fi (XEP-0199)' },
  { name: 'time', why: 'entity time, used to spot clock skew on devices (XEP-0202)' },
  { name: 'version', why: 'software version for support requests (XEP-0092)' },
  { name: 'uptime', why: 'server uptime for admins (XEP-0012)' },
  { name: 'smacks', why: 'stream management: no lost messages when a phone switches networks (XEP-0198)' },
  { name: 'carbons', why: 'every device of a user sees every 1:1 message (XEP-0280)' },
  { name: 'csi_simple', why: 'holds unimportant traffic while the app is in the background (XEP-0352)' },
  { name: 'cloud_notify', why: 'push to the ops component, which sends Web Push to the PWA (XEP-0357)' },
  { name: 'mam', why: 'message history on every device, expired after archive_expires_after (XEP-0313)' },
  {
    name: 'bleep_alarm_archive',
    why: "Bleep: alarms (in incident rooms' invitations) are archived just after delivery, not one storage write per responder before it",
  },
  { name: 'pep', why: 'OMEMO device lists and bundles, avatars (XEP-0163)' },
  {
    name: 'bleep_omemo_pep',
    why: 'Bleep: OMEMO nodes open by default (XEP-0384); a device list never published answers item-not-found, not forbidden',
  },
  {
    name: 'bleep_omemo_notify',
    why: 'Bleep: a device list change is told to the staff who read it, not only to contacts (Gajim, Dino wait for it)',
  },
  {
    name: 'bleep_directed_probe',
    why: 'Bleep: the ops component probes staff after a restart and learns who told it their presence (RFC 6121 §4.3.2)',
  },
  { name: 'blocklist', why: 'users can block a sender (XEP-0191)' },
  { name: 'vcard4', why: 'user profiles stored in PEP (XEP-0292)' },
  { name: 'vcard_legacy', why: 'vcard-temp for older clients, mapped onto vcard4 (XEP-0054/0398)' },
  { name: 'bookmarks', why: 'room list synchronised across devices (XEP-0402/0048)' },
  { name: 'private', why: 'legacy private XML storage some clients still use (XEP-0049)' },
  { name: 'limits', why: 'rate-limits each c2s connection so one device cannot flood the server' },
  { name: 'register', why: 'password change (XEP-0077); self-registration stays off (allow_registration = false)' },
  { name: 'admin_adhoc', why: 'admins manage the server from any client with ad-hoc commands (XEP-0133)' },
  { name: 'admin_shell', why: 'local console for `prosodyctl shell`, over a unix socket in the data dir' },
  { name: 'http', why: 'HTTP server for the websocket and file share, on loopback behind the web proxy' },
  { name: 'websocket', why: 'the PWA connects over wss on the same origin (RFC 7395)' },
];

/** Loaded only when BLEEP_REGISTRATION=invite: accounts are created by invite. */
export const inviteModules: readonly ModuleDecl[] = [
  { name: 'invites', why: 'invite tokens, the only way to get an account' },
  { name: 'invites_adhoc', why: 'admins create invites from their client' },
  { name: 'invites_register', why: 'an invite token allows in-band registration of one account (XEP-0401)' },
  {
    name: 'bleep_invites',
    why: "Bleep: admins' invites through the ops component, each with an expiry and the new person's name, roles and department",
  },
];

/** Modules switched off even though Prosody loads them by default. */
export const disabledModules: readonly ModuleDecl[] = [
  // modules_disabled, not disallow_s2s: the latter still opens port 5269.
  { name: 's2s', why: 'no federation: nothing listens on 5269 and remote domains are refused' },
  { name: 's2s_auth_certs', why: 'only used by s2s' },
];

/** On conference.<domain>. */
export const mucModules: readonly ModuleDecl[] = [
  { name: 'muc_mam', why: 'room history on every device (XEP-0313 for MUC)' },
  {
    name: 'bleep_muc_readonly',
    why: 'Bleep: a room option that makes everyone but owners a visitor, for resolved incident rooms',
  },
  {
    name: 'bleep_reserved_rooms',
    why: "Bleep: only the ops component may create dept-… and alarm-… rooms, so nobody can own a department's room first",
  },
  {
    name: 'bleep_muc_multi_invite',
    why: 'Bleep: a mediated invitation to several people (XEP-0045 allows it; Prosody 0.12 reads only the first), so an alarm is one stanza from the component',
  },
  {
    name: 'bleep_alarm_invites',
    why: "Bleep: only the ops component's invitations may carry an <alarm/>; a forged one is stripped before it leaves the room",
  },
];

/** On share.<domain> (a Component of type http_file_share). */
export const shareModule: ModuleDecl = {
  name: 'http_file_share',
  why: 'XEP-0363 uploads of OMEMO-encrypted files; https://prosody.im/doc/modules/mod_http_file_share',
};

/** On plans.<domain>, beside its http_file_share. */
export const planModules: readonly ModuleDecl[] = [
  {
    name: 'bleep_plans_access',
    why: "Bleep: only Prosody's admins get a slot for a site plan, none when there are none, and a refusal says who may",
  },
];

/** Optional modules an admin may add through BLEEP_EXTRA_MODULES. */
export const knownExtraModules: readonly ModuleDecl[] = [
  { name: 'announce', why: 'admins broadcast a server message to all online users' },
  { name: 'motd', why: 'message of the day at login' },
  { name: 'welcome', why: 'welcome message to new accounts' },
  { name: 'lastactivity', why: 'last activity of users (XEP-0012)' },
  { name: 'server_contact_info', why: 'publishes admin contact addresses (XEP-0157)' },
  { name: 'http_openmetrics', why: 'metrics for Prometheus on the HTTP port' },
  { name: 'tombstones', why: 'deleted account names cannot be registered again' },
  { name: 'watchregistrations', why: 'admins get a message when an account is created' },
  { name: 'lastlog2', why: 'records last login time per account' },
  { name: 'list_inactive', why: 'lists accounts inactive for a while (prosodyctl)' },
];

/** Refused in BLEEP_EXTRA_MODULES with a specific reason, not just "unknown". */
export const refusedModules: Readonly<Record<string, string>> = {
  s2s: 'federation is not allowed: patient data must stay on this server',
  dialback: 'federation is not allowed: patient data must stay on this server',
  s2s_bidi: 'federation is not allowed: patient data must stay on this server',
  // Both are written for Prosody trunk's mod_smacks (do_enable/do_resume), which 0.12.3 does not have.
  sasl2_sm:
    'it calls mod_smacks.do_enable/do_resume, which Prosody 0.12.3 lacks, so a sign-in with inline stream management never completes',
  sasl2_bind2:
    'it binds the resource inside SASL2, and without inline stream management (sasl2_sm, broken on 0.12.3) a dropped stream can then never be resumed',
  auth_anonymous: 'anonymous login would let anyone in without an account',
  auth_insecure: 'mod_auth_insecure accepts any password',
  register_ibr: 'open in-band registration: accounts are created by invite only',
  register_web: 'open web registration: accounts are created by invite only',
  bosh: 'BOSH is not proxied; the PWA uses the websocket',
  legacyauth: 'XEP-0078 legacy auth bypasses SASL',
};

export function isKnownExtraModule(name: string): boolean {
  return knownExtraModules.some((m) => m.name === name);
}

/** Modules for the VirtualHost given the settings that switch groups on. */
export function enabledModules(opts: {
  registration: 'invite' | 'open' | 'closed';
  extraModules: readonly string[];
}): ModuleDecl[] {
  const extras = knownExtraModules.filter((m) => opts.extraModules.includes(m.name));
  return [...coreModules, ...(opts.registration === 'invite' ? inviteModules : []), ...extras];
}
