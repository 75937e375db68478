// The one typed settings schema. Every setting comes from one `.env` (or the
// process environment) and feeds Prosody, the component, the PWA's
// /config.json and docker-compose. Declared once here; `load.ts` parses it and
// `validate.ts` adds the security rules that need more than one field.
import { z } from 'zod';
import { isTileUrl } from './map-tiles.ts';
import { PUSH_EXTRAS } from './types.ts';

// RFC 1035 labels; Prosody host names must be plain DNS names (no scheme, port or path).
export const DOMAIN_RE = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const BARE_JID_RE = /^[^@/\s"&'<>:]+@[a-z0-9.-]+$/;

/** Says what is wrong with a domain and what a right one looks like. */
export function domainMessage(value: string): string {
  return `"${value}" is not a valid domain: use a lower-case DNS name such as hospital.example (no scheme, port, path or spaces)`;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** 0 means "pick a free loopback port" (tests and the demo). */
const port = z.coerce.number().int().min(0).max(65535);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);
const bytes = z.coerce.number().int().positive();

/**
 * The largest upload limit an admin may set: docker's web proxy takes bodies up to this (nginx
 * client_max_body_size), so that a limit raised on a running server (settings apply) needs no proxy restart;
 * Prosody enforces the limit itself at the slot request and checks the body's size against the slot.
 */
export const UPLOAD_CEILING_BYTES = 1024 * 1024 * 1024;

export const settingsShape = {
  /** The users' domain. MUC is conference.<domain>, uploads share.<domain>, the component ops.<domain>. */
  BLEEP_DOMAIN: z
    .string()
    .regex(DOMAIN_RE, { error: (iss) => domainMessage(String(iss.input)) })
    .default('bleep.localhost'),
  /** Bare JIDs that are Prosody admins; they are always admins in the component too. */
  BLEEP_ADMINS: list
    .pipe(z.array(z.string().regex(BARE_JID_RE, 'each admin must be a bare JID such as admin@hospital.example')))
    .default([]),
  /** Where Prosody's config, certificates, SQLite files and logs live. */
  BLEEP_DATA_DIR: z.string().min(1).default('.data'),
  /** Where the admins' overlay is read from, when not in the data dir: the component's, in docker (overlay.ts). */
  BLEEP_OVERLAY_DIR: z.string().default(''),
  /** Interface everything binds to. Loopback unless a proxy in front needs more. */
  BLEEP_BIND: z.string().min(1).default('127.0.0.1'),
  /** Where the component and the web proxy reach Prosody (a service name under docker compose). */
  BLEEP_PROSODY_HOST: z.string().min(1).default('127.0.0.1'),
  /** Proxies whose X-Forwarded-Proto/-For Prosody believes (the web proxy); rendered as trusted_proxies. */
  BLEEP_TRUSTED_PROXIES: list.default(['127.0.0.1', '::1']),

  BLEEP_C2S_PORT: port.default(0),
  /** Prosody's plain HTTP port (websocket, uploads); only ever reached through the web proxy. */
  BLEEP_HTTP_PORT: port.default(0),
  /** XEP-0114 component port, loopback only. */
  BLEEP_COMPONENT_PORT: port.default(0),
  /**
   * The component's plain HTTP port (issue #12: answers from a push notification), reached only through the
   * web proxy at /push/answer, like Prosody's HTTP port.
   */
  BLEEP_OPS_HTTP_PORT: port.default(0),
  /** The HTTPS port the PWA is served on (npm start) and the public origin's port. */
  BLEEP_WEB_PORT: port.default(0),
  /** Public origin of the web app, e.g. https://chat.hospital.example. Empty: https://<domain>:<web port>. */
  BLEEP_PUBLIC_URL: z.union([z.literal(''), z.url({ protocol: /^https$/ })]).default(''),

  /** PEM paths. Empty: the runner makes a self-signed certificate for the domain and its subdomains. */
  BLEEP_TLS_CERT: z.string().default(''),
  BLEEP_TLS_KEY: z.string().default(''),

  BLEEP_STORAGE: z.enum(['sqlite', 'postgres']).default('sqlite'),
  /** postgres://user:pass@host:port/db; required when BLEEP_STORAGE=postgres. */
  BLEEP_DATABASE_URL: z.string().default(''),
  /** The postgres container's password (docker compose); must match the one in BLEEP_DATABASE_URL. */
  BLEEP_POSTGRES_PASSWORD: z.string().default(''),

  /** XEP-0363 upload limits (mod_http_file_share). */
  BLEEP_UPLOAD_MAX_BYTES: bytes
    .max(
      UPLOAD_CEILING_BYTES,
      'is over 1 GiB (1073741824), the most the web proxy takes; files that large do not belong in a chat',
    )
    .default(100 * 1024 * 1024),
  BLEEP_UPLOAD_QUOTA_BYTES: bytes.default(1024 * 1024 * 1024),
  BLEEP_UPLOAD_EXPIRY_DAYS: z.coerce.number().int().positive().default(30),
  /** Quick responses (issue #8): days the requests and their audit trail are kept, then purged by the component. */
  BLEEP_REQUEST_AUDIT_DAYS: z.coerce.number().int().min(1).default(365),
  /**
   * Days an expired invite link (it still says it expired) or a person's expired contact invite is kept, and days a
   * new account's preset the component never confirmed is kept; then the component's daily sweep deletes it in
   * Prosody (mod_bleep_invites).
   */
  BLEEP_EXPIRED_INVITE_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day').default(30),
  /**
   * Days a fired timer (request expiry, alarm escalation and repeat, shift end, push retry) is kept before the
   * component's daily sweep deletes it. At least 1: the daily jobs are keyed by date, and a restart the same day
   * must find today's row to not run them twice. Nothing in the audit log is a timer.
   */
  BLEEP_TIMER_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day').default(30),
  /** Preset alarms (issue #10): the same preset at the same place within this many seconds joins the open incident. */
  BLEEP_ALARM_MERGE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** MAM retention, in days, for 1:1 archives and room archives. */
  BLEEP_ARCHIVE_EXPIRY_DAYS: z.coerce.number().int().positive().default(365),
  /**
   * XEP-0484 FAST: days a device stays signed in without its password when the app is not used.
   * Prosody rotates the token after a day of use, so a device in daily use never asks again.
   */
  BLEEP_SIGNIN_TOKEN_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90, 'at most 90 days: a lost or shared ward device must not stay signed in for months')
    .default(7),

  /**
   * Flood protection per client connection (mod_limits), in kB/s. mod_limits on net/server_epoll pauses a
   * connection's reads for bytes ÷ rate with no burst (DESIGN.md, known traps), so a low rate slows every message.
   */
  BLEEP_C2S_RATE_KB: z.coerce
    .number()
    .int()
    .min(100, 'at least 100 kB/s: below that the pause after every read slows ordinary chat (DESIGN.md)')
    .max(100_000)
    .default(1000),

  /** Defaults for new rooms: members-only, non-anonymous and archived, so OMEMO works. */
  BLEEP_MUC_MEMBERS_ONLY: bool.default(true),
  BLEEP_MUC_ARCHIVED: bool.default(true),
  BLEEP_MUC_MAX_HISTORY: z.coerce.number().int().min(0).max(500).default(50),

  /** Shared secret of the XEP-0114 handshake. Required; at least 16 characters. */
  BLEEP_COMPONENT_SECRET: z.string().default(''),

  // Security switches. They exist so that an attempt to turn them is refused
  // with a reason (validate.ts), rather than silently ignored.
  BLEEP_FEDERATION: bool.default(false),
  BLEEP_C2S_REQUIRE_TLS: bool.default(true),
  BLEEP_REGISTRATION: z.enum(['invite', 'open', 'closed']).default('invite'),
  /** Extra Prosody modules to load; each must be known (modules.ts). */
  BLEEP_EXTRA_MODULES: list.default([]),

  /** Duty (issue #9): the longest shift, the warning before it ends, and the one extension allowed. */
  BLEEP_DUTY_MAX_SHIFT_HOURS: z.coerce.number().positive().max(24, 'at most 24 hours').default(12),
  BLEEP_DUTY_WARNING_MINUTES: z.coerce.number().positive().default(15),
  BLEEP_DUTY_EXTENSION_HOURS: z.coerce.number().positive().max(12, 'at most 12 hours').default(1),
  /** Locations: history kept this long, then purged; a marker with no update for this long is stale. */
  BLEEP_LOCATION_RETENTION_HOURS: z.coerce.number().positive().max(72, 'at most 72 hours').default(12),
  BLEEP_LOCATION_STALE_MINUTES: z.coerce.number().positive().default(5),
  /** Optional outdoor tiles for the dispatcher's map, e.g. https://tiles.example/{z}/{x}/{y}.png; empty = offline plans only. */
  BLEEP_MAP_TILE_URL: z
    .string()
    .refine(isTileUrl, 'must be an http(s) URL on one host with {z}, {x} and {y} (no quotes, spaces, $ or ;), or empty')
    .default(''),

  /**
   * Push (issue #12): the hosts the component may send Web Push to (a subscription's endpoint must be on one, or a
   * subdomain of one): the browser vendors' push services. Nothing else is reached from the server.
   */
  BLEEP_PUSH_SERVICES: list
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/, 'each push service must be a host name (or host:port)')))
    .default(['fcm.googleapis.com', 'push.services.mozilla.com', 'push.apple.com', 'notify.windows.com']),
  /** PEM file of extra certificate authorities trusted for push services (an inspecting proxy's); empty = the usual ones. */
  BLEEP_PUSH_CA: z.string().default(''),
  /**
   * What a push may say beyond the default (who wrote, which request, which alarm: no patient data), per hospital:
   * `alarm-place` adds an alarm's location and bed, `request-fields` a request's fields. Push payloads are
   * encrypted to the device, but shown on its lock screen.
   */
  BLEEP_PUSH_INCLUDE: list
    .pipe(
      z.array(
        z.enum(PUSH_EXTRAS, {
          error: (iss) => `"${String(iss.input)}" is not something a push can include: use ${PUSH_EXTRAS.join(', ')}`,
        }),
      ),
    )
    .default([]),

  BLEEP_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
} as const;

export const settingsSchema = z.object(settingsShape);
export type SettingsInput = z.input<typeof settingsSchema>;
export type RawSettings = z.output<typeof settingsSchema>;
