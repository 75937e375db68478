// Settings → prosody.cfg.lua. The only writer of Prosody's config: every value
// that comes from a setting is quoted by lua.ts, every module carries its why.
// Config reference: https://prosody.im/doc/configure
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLauncher, LAUNCHER_OPTION, type Launcher } from './launcher.ts';
import { luaOption, luaString, type LuaValue } from './lua.ts';
import { PLAN_MAX_BYTES, PLAN_PATH, planUploaders } from './plans.ts';
import { disabledModules, enabledModules, mucModules, planModules, shareModule, type ModuleDecl } from './modules.ts';
import type { Settings } from './settings/types.ts';
import { sqlConfig } from './storage.ts';

export interface RenderOptions {
  /**
   * Only for the runner when it is root and the `prosody` user cannot reach the
   * data dir: mod_posix refuses to start as root without it. Never in production.
   */
  readonly runAsRoot?: boolean;
  /** Where mod_bleep_settings finds this CLI (launcher.ts); default: this process and checkout. */
  readonly launcher?: Launcher;
}

export const CONFIG_FILE = 'prosody.cfg.lua';
export const LOG_FILE = 'prosody.log';
export const PID_FILE = 'prosody.pid';

const DAY = 86_400;

/** Bleep's own Prosody modules (prosody/modules), searched before the Debian ones. */
export const BLEEP_MODULES_DIR = fileURLToPath(new URL('../modules', import.meta.url));

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

function moduleList(name: string, mods: readonly ModuleDecl[]): string {
  const rows = mods.map((m) => `  ${luaString(m.name)}; -- ${m.why.replace(/[\r\n]+/g, ' ')}`);
  return `${name} = {\n${rows.join('\n')}\n}`;
}

function opts(entries: Record<string, LuaValue>, indent = ''): string[] {
  return Object.entries(entries).map(([k, v]) => indent + luaOption(k, v));
}

function global(s: Settings, o: RenderOptions): string[] {
  return [
    ...opts({ admins: [...s.admins], plugin_paths: [BLEEP_MODULES_DIR] }),
    moduleList('modules_enabled', enabledModules(s)),
    // DESIGN.md: modules_disabled, because disallow_s2s still opens 5269.
    moduleList('modules_disabled', disabledModules),
    '',
    '-- Files: everything of this server lives in the data dir.',
    ...opts({
      data_path: s.dataDir,
      pidfile: join(s.dataDir, PID_FILE),
      // Prosody logs only the top tag of stanzas, and only at debug; never bodies.
      log: [
        { levels: { min: s.logLevel }, to: 'file', filename: join(s.dataDir, LOG_FILE) },
        { levels: { min: 'error' }, to: 'console' },
      ],
      ...(o.runAsRoot ? { run_as_root: true } : {}),
    }),
    '',
    '-- Network: loopback ports; TLS for browsers ends at the web proxy on this machine.',
    ...opts({
      interfaces: [s.bind],
      c2s_ports: [s.ports.c2s],
      c2s_interfaces: [s.bind],
      http_ports: [s.ports.http],
      http_interfaces: [s.bind],
      https_ports: [],
      component_ports: [s.ports.component],
      // XEP-0114 has only a shared secret: loopback unless the component runs
      // elsewhere (docker compose reaches Prosody by service name).
      component_interfaces: isLoopback(s.prosodyHost) ? ['127.0.0.1'] : [s.bind],
      c2s_require_encryption: true,
      ssl: { certificate: s.tls.cert, key: s.tls.key },
      // Where Prosody looks for per-host certificates; the default (<config dir>/certs) may not exist.
      certificates: dirname(s.tls.cert),
      // Flood protection per client connection. With net/server_epoll (0.12's
      // default) mod_limits paces reads: after reading N bytes the connection
      // pauses N/rate seconds, with no burst, so 64kb/s held every stanza that
      // followed another by up to ~8 ms (measured: 2.4 ms → 6.9 ms per message).
      // At 1 MB/s (the default) a message costs ~0.5 ms of pause and a flood is still capped.
      limits: { c2s: { rate: `${s.c2sRateKb}kb/s`, burst: '4s' } },
      // Chat is many small writes: with Nagle on, a message waits for the peer's
      // delayed ACK (~40 ms measured through the web proxy). net/server_epoll.lua reads this.
      network_settings: { nagle: false },
    }),
    '',
    '-- Accounts: created by invite (or by an admin); no self-registration.',
    ...opts({ authentication: 'internal_hashed', allow_registration: false, registration_invite_only: true }),
    '-- Disabling and enabling accounts (mod_bleep_accounts) is asked by the ops component alone.',
    ...opts({ bleep_accounts_admin: s.opsHost }),
    '-- Server settings (mod_bleep_settings, asked by the same component): Prosody runs this CLI to show, preview and apply.',
    ...opts({ [LAUNCHER_OPTION]: { ...(o.launcher ?? defaultLauncher()) } }),
    "-- Alarms ride in incident rooms' invitations from this JID alone (mod_bleep_alarm_invites strips any other's),",
    '-- and are archived just after delivery (mod_bleep_alarm_archive).',
    ...opts({ bleep_alarm_inviter: s.opsHost, bleep_alarm_muc: s.mucHost }),
    '-- XEP-0484 FAST: a device signs in again with its token until it has been unused this long.',
    ...opts({ sasl2_fast_token_ttl: s.signinTokenDays * DAY }),
    '',
    '-- Storage: https://prosody.im/doc/modules/mod_storage_sql',
    ...opts({ storage: 'sql', sql: { ...sqlConfig(s) } }),
    '',
    '-- Push: XEP-0357 (mod_cloud_notify) publishes only to the ops component, on this server. It names the sender,',
    '-- so the component can say who wrote (or which request or alarm); the body is never sent, only a fixed text.',
    ...opts({
      push_notification_with_sender: true,
      push_notification_with_body: false,
      push_notification_important_body: 'New message',
    }),
    '',
    '-- History: XEP-0313, archived by default, expired after the configured days.',
    ...opts({ archive_expires_after: `${s.archiveExpiryDays}d`, default_archive_policy: true }),
    '',
    '-- Web: the websocket is served on the app origin through the proxy.',
    '-- https://prosody.im/doc/websocket · https://prosody.im/doc/http',
    ...opts({
      http_external_url: `${s.publicUrl}/`,
      // Requests reach Prosody with the proxy's Host header; serve them as the main domain.
      http_default_host: s.domain,
      // Same origin only. (0.12 replaced cross_domain_websocket with CORS settings.)
      http_default_cors_enabled: false,
      // X-Forwarded-Proto/For are honoured only from the web proxy (loopback by default).
      trusted_proxies: [...s.trustedProxies],
    }),
  ];
}

function hosts(s: Settings): string[] {
  return [
    `VirtualHost ${luaString(s.domain)}`,
    // The ops component deletes accounts and sets passwords for server admins with XEP-0133
    // (mod_admin_adhoc); an admin of this host only, added to the global admins, not a global admin.
    ...opts({ admins: [s.opsHost] }, '  '),
    '',
    '-- Rooms: members-only, non-anonymous and archived by default, so OMEMO works.',
    `Component ${luaString(s.mucHost)} "muc"`,
    moduleList('  modules_enabled', mucModules),
    ...opts(
      {
        // The ops component creates and administers incident rooms.
        admins: [s.opsHost],
        restrict_room_creation: 'local',
        muc_room_default_public: false,
        muc_room_default_persistent: true,
        muc_room_default_members_only: s.muc.membersOnly,
        muc_room_default_public_jids: true,
        muc_room_default_history_length: s.muc.maxHistory,
        max_history_messages: s.muc.maxHistory,
        muc_log_by_default: s.muc.archived,
        muc_log_expires_after: `${s.archiveExpiryDays}d`,
      },
      '  ',
    ),
    '',
    `-- Uploads: ${shareModule.why}`,
    `Component ${luaString(s.shareHost)} ${luaString(shareModule.name)}`,
    ...opts(
      {
        http_file_share_size_limit: s.upload.maxBytes,
        http_file_share_daily_quota: s.upload.quotaBytes,
        http_file_share_expires_after: s.upload.expiryDays * DAY,
        // Served under the app's host, next to the websocket, so the proxy needs one upstream.
        http_host: s.domain,
      },
      '  ',
    ),
    '',
    // The site editor's plans (issue #13 part 3) are the hospital's map, not messages: the same module on a host
    // of its own, so that they are kept (an expiry of -1: mod_http_file_share then never deletes) and only
    // Prosody's admins upload them (its _access option). Served under the app's host at a path of its own.
    `-- Site plans: ${shareModule.name} again, kept until replaced, uploaded by Prosody's admins only.`,
    `Component ${luaString(s.planHost)} ${luaString(shareModule.name)}`,
    ...opts(
      {
        http_file_share_size_limit: PLAN_MAX_BYTES,
        http_file_share_daily_quota: PLAN_MAX_BYTES * 10,
        http_file_share_expires_after: -1,
        http_file_share_access: planUploaders(s.admins),
        http_host: s.domain,
        http_paths: { file_share: PLAN_PATH },
      },
      '  ',
    ),
    moduleList('  modules_enabled', planModules),
    '',
    '-- The Bleep component (XEP-0114): directory, duty, alarms, quick responses, push.',
    `Component ${luaString(s.opsHost)}`,
    ...opts({ component_secret: s.componentSecret }, '  '),
  ];
}

/** Renders prepared settings (ports chosen, TLS paths and public URL set) as prosody.cfg.lua. */
export function renderConfig(s: Settings, o: RenderOptions = {}): string {
  const head = [
    '-- Generated by prosody-config from the Bleep settings (.env). Do not edit:',
    '-- change the settings and render again (`prosody-config render --out ...`).',
    '',
  ];
  return [...head, ...global(s, o), '', ...hosts(s), ''].join('\n');
}
