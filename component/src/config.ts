// What the component needs from the shared settings, validated once at start:
// every problem is listed together, then the config is frozen.
import { isAbsolute } from 'node:path';
import { PUSH_EXTRAS, type Settings } from '@bleep/prosody-config';
import { z } from 'zod';

/**
 * What one account may use (issue #14). The defaults suit every hospital;
 * a test may raise one (the fuzzer, so that its stanzas reach the handlers
 * behind the limits instead of all being refused by them).
 */
export const DEFAULT_LIMITS = Object.freeze({
  /** Open ad-hoc command sessions per account (adhoc.ts). */
  commandSessions: 20,
  /**
   * Minutes an unfinished command session stays open with nothing sent on it
   * (a page left or reloaded mid-command); then it no longer counts against
   * commandSessions. Forms are short: 10 minutes leaves time to fill one in.
   */
  commandIdleMinutes: 10,
  /** Command starts per account per minute. */
  commandStartsPerMinute: 120,
  /** Role messages per sender per minute (roles/). */
  roleMessagesPerMinute: 30,
  /**
   * People in one directory search answer; more are cut, with a note to
   * refine the search. 200 rows are about 80 kB, well under the 256 KiB a
   * stanza may have (wire.ts), which a whole hospital's list would pass.
   */
  directoryResults: 200,
  /**
   * Incident rooms made ahead of need (alarms/spare-rooms.ts): one serves any preset; a second alarm within the
   * few ms before it is replaced makes its own room. 0: none (a test of the room made on the spot).
   */
  alarmSpareRooms: 1,
});
export type Limits = { readonly [K in keyof typeof DEFAULT_LIMITS]: number };
const count = (max: number) => z.number().int().min(1, 'must be at least 1').max(max);
const limits = z.object({
  commandSessions: count(10_000),
  commandIdleMinutes: count(24 * 60),
  commandStartsPerMinute: count(100_000),
  roleMessagesPerMinute: count(100_000),
  directoryResults: count(500),
  alarmSpareRooms: z.number().int().min(0).max(10),
});

const port = z.number().int().min(1, 'is not chosen (0)').max(65535);
const schema = z.object({
  domain: z.string().min(1),
  opsHost: z.string().min(1),
  mucHost: z.string().min(1),
  admins: z.array(z.string()),
  prosodyHost: z.string().min(1, 'is empty: say where Prosody listens (BLEEP_PROSODY_HOST)'),
  componentPort: port,
  /** The component's HTTP listener (answers from push notifications), behind the web proxy. */
  // 0: any free port (a component started alone, with nothing in front of it).
  http: z.object({ bind: z.string().min(1), port: z.number().int().min(0).max(65535) }),
  componentSecret: z.string().min(16, 'must be at least 16 characters (BLEEP_COMPONENT_SECRET)'),
  /** The app's address; invite links point at its onboarding page ('' when unknown: a path on the app's origin). */
  publicUrl: z.string(),
  dataDir: z.string().refine(isAbsolute, 'must be an absolute path (BLEEP_DATA_DIR)'),
  storage: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sqlite') }),
    z.object({
      kind: z.literal('postgres'),
      url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    }),
  ]),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']),
  /** Duty shifts and locations, in milliseconds (issue #9). */
  duty: z.object({
    maxShiftMs: z.number().positive(),
    warningMs: z.number().positive(),
    extensionMs: z.number().positive(),
  }),
  location: z.object({ retentionMs: z.number().positive(), staleMs: z.number().positive() }),
  requestAuditDays: z.number().int().min(1),
  timerRetentionDays: z.number().int().min(1, 'must be at least 1 day (BLEEP_TIMER_RETENTION_DAYS)'),
  expiredInviteDays: z.number().int().min(1, 'must be at least 1 day (BLEEP_EXPIRED_INVITE_DAYS)'),
  alarmMergeMs: z.number().int().min(0),
  /** Web Push (issue #12): the VAPID subject (RFC 8292 §2.1), the push services' hosts, extra CAs (PEM path). */
  push: z.object({
    subject: z.string().regex(/^(https:|mailto:)/, 'must be an https: or mailto: URL'),
    services: z.array(z.string().min(1)),
    ca: z.string(),
    include: z.array(z.enum(PUSH_EXTRAS)),
  }),
  limits,
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type ComponentConfig = Readonly<z.infer<typeof schema>>;
export type ConfigResult = { ok: true; config: ComponentConfig } | { ok: false; problems: string[] };

export function componentConfig(s: Settings, overrides: Partial<Limits> = {}): ConfigResult {
  const parsed = schema.safeParse({
    domain: s.domain,
    opsHost: s.opsHost,
    mucHost: s.mucHost,
    admins: s.admins.map((a) => a.toLowerCase()),
    prosodyHost: s.prosodyHost,
    componentPort: s.ports.component,
    http: { bind: s.bind, port: s.ports.opsHttp },
    componentSecret: s.componentSecret,
    publicUrl: s.publicUrl,
    dataDir: s.dataDir,
    storage: s.storage,
    logLevel: s.logLevel,
    duty: {
      maxShiftMs: s.duty.maxShiftHours * HOUR,
      warningMs: s.duty.warningMinutes * MINUTE,
      extensionMs: s.duty.extensionHours * HOUR,
    },
    location: { retentionMs: s.location.retentionHours * HOUR, staleMs: s.location.staleMinutes * MINUTE },
    requestAuditDays: s.requestAuditDays,
    timerRetentionDays: s.timerRetentionDays,
    expiredInviteDays: s.expiredInviteDays,
    alarmMergeMs: s.alarmMergeSeconds * 1000,
    push: {
      // RFC 8292 §2.1: how a push service reaches the operator; the app's own origin, else mail to the domain.
      subject: s.publicUrl || `mailto:push@${s.domain}`,
      services: [...s.push.services],
      ca: s.push.ca,
      include: [...s.push.include],
    },
    limits: { ...DEFAULT_LIMITS, ...overrides },
  });
  // Cross-field rules run even when a field failed, so every problem is listed at once.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  const { domain, opsHost } = s;
  if (domain && opsHost && !opsHost.endsWith(`.${domain}`))
    problems.push(`opsHost ${opsHost} must be a subdomain of ${domain}`);
  for (const a of s.admins ?? [])
    if (domain && !a.toLowerCase().endsWith(`@${domain}`)) problems.push(`admins: ${a} is not an account of ${domain}`);
  return parsed.success && !problems.length
    ? { ok: true, config: Object.freeze(parsed.data) }
    : { ok: false, problems };
}
