// The settings an admin may change on a running server (issue #13 part 5), declared once for the CLI, the
// component's admin command and the PWA. Everything else (domain, ports, TLS files, storage, secrets) stays in
// `.env`: changing it needs a restart or breaks clients. The security switches are listed so that an attempt
// to turn them gets validate.ts's reason, not "not editable"; they can only ever hold their safe value.
//
// `reload` names the Prosody modules that read the option once when they load, so a config reload alone does
// not reach them (Prosody 0.12: mod_http_file_share, mod_mam, mod_muc_mam and mod_sasl2_fast read their options
// at the top; mod_limits sets its rate on each new connection). mod_muc reads the room defaults when it creates
// a room, so those apply at once. `host` says where the module runs: the users' domain, conference.<domain>,
// share.<domain>, or '*' for a global module.

/** '*': a global module (mod_limits), reloaded once for the whole server. */
export type ModuleHost = 'domain' | 'muc' | 'share' | '*';
export interface ReloadTarget {
  readonly module: string;
  readonly host: ModuleHost;
}
export interface EditableSetting {
  readonly key: string;
  readonly label: string;
  readonly reload: readonly ReloadTarget[];
}

const share: ReloadTarget = { module: 'http_file_share', host: 'share' };
const mam: ReloadTarget[] = [
  { module: 'mam', host: 'domain' },
  { module: 'muc_mam', host: 'muc' },
];

export const editableSettings: readonly EditableSetting[] = [
  { key: 'BLEEP_ADMINS', label: 'Server admins (bare JIDs, comma-separated)', reload: [] },
  { key: 'BLEEP_UPLOAD_MAX_BYTES', label: 'Largest upload, in bytes', reload: [share] },
  { key: 'BLEEP_UPLOAD_QUOTA_BYTES', label: 'Upload quota per person per day, in bytes', reload: [share] },
  { key: 'BLEEP_UPLOAD_EXPIRY_DAYS', label: 'Days an upload is kept', reload: [share] },
  { key: 'BLEEP_ARCHIVE_EXPIRY_DAYS', label: 'Days message history is kept', reload: mam },
  {
    key: 'BLEEP_SIGNIN_TOKEN_DAYS',
    label: 'Days an unused device stays signed in',
    reload: [{ module: 'sasl2_fast', host: 'domain' }],
  },
  {
    key: 'BLEEP_C2S_RATE_KB',
    label: 'Rate limit per client connection, in kB/s (connections made after the change)',
    reload: [{ module: 'limits', host: '*' }],
  },
  { key: 'BLEEP_MUC_MEMBERS_ONLY', label: 'New rooms are members-only', reload: [] },
  { key: 'BLEEP_MUC_ARCHIVED', label: 'New rooms are archived', reload: [{ module: 'muc_mam', host: 'muc' }] },
  { key: 'BLEEP_MUC_MAX_HISTORY', label: 'Messages a new room replays to who joins', reload: [] },
  // Invite policy: "invite" or "closed". The invite modules are loaded or not, so this one needs a restart.
  { key: 'BLEEP_REGISTRATION', label: 'Who may create accounts (invite or closed)', reload: [] },
  { key: 'BLEEP_FEDERATION', label: 'Federation (always off)', reload: [] },
  { key: 'BLEEP_C2S_REQUIRE_TLS', label: 'Clients must use TLS (always on)', reload: [] },
];

/**
 * Saved, rendered and checked, but Prosody 0.12 takes them only at the next restart, and the apply says so:
 * - BLEEP_REGISTRATION loads or unloads the invite modules;
 * - BLEEP_ADMINS: mod_authz_internal reads `admins` at load, and usermanager keeps the provider it loaded
 *   first (host_session.authz), so even a module reload leaves the old admins (tried here: is_admin unchanged);
 * - BLEEP_MUC_MAX_HISTORY is also mod_muc's cap (max_history_messages, read at load); reloading mod_muc
 *   would reload every live room.
 */
export const restartKeys: ReadonlySet<string> = new Set([
  'BLEEP_REGISTRATION',
  'BLEEP_ADMINS',
  'BLEEP_MUC_MAX_HISTORY',
]);

const byKey = new Map(editableSettings.map((e) => [e.key, e]));
export const isEditable = (key: string): boolean => byKey.has(key);
export const editable = (key: string): EditableSetting | undefined => byKey.get(key);
