// The typed view of the settings that the rest of Bleep uses. Built from the
// parsed env (schema.ts) by load.ts; frozen once validated.

export type Storage = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/** What BLEEP_PUSH_INCLUDE may add to a push beyond who wrote, which request, which alarm (issue #12). */
export const PUSH_EXTRAS = ['alarm-place', 'request-fields'] as const;
export type PushExtra = (typeof PUSH_EXTRAS)[number];

export interface Settings {
  readonly domain: string;
  /** conference.<domain>: Prosody's MUC. */
  readonly mucHost: string;
  /** share.<domain>: mod_http_file_share. */
  readonly shareHost: string;
  /** plans.<domain>: the site's floor and campus plans (mod_http_file_share, kept, admins upload). */
  readonly planHost: string;
  /** ops.<domain>: the component. */
  readonly opsHost: string;
  readonly admins: readonly string[];
  /** Absolute path. */
  readonly dataDir: string;
  readonly bind: string;
  /** Where the component and the web proxy reach Prosody. */
  readonly prosodyHost: string;
  readonly trustedProxies: readonly string[];
  /** 0 means "not chosen yet"; the runner picks free loopback ports. */
  readonly ports: {
    readonly c2s: number;
    readonly http: number;
    readonly component: number;
    /** The component's HTTP port (answers from push notifications), behind the web proxy. */
    readonly opsHttp: number;
    readonly web: number;
  };
  /** Public https origin of the web app, without trailing slash; '' until the web port is known. */
  readonly publicUrl: string;
  /** PEM paths; '' means the runner makes a self-signed certificate. */
  readonly tls: { readonly cert: string; readonly key: string };
  readonly storage: Storage;
  /** Only for docker compose's postgres service; '' elsewhere. */
  readonly postgresPassword: string;
  readonly upload: { readonly maxBytes: number; readonly quotaBytes: number; readonly expiryDays: number };
  readonly archiveExpiryDays: number;
  /** Days requests and their audit trail are kept (quick responses). */
  readonly requestAuditDays: number;
  /** Days fired timers are kept before the component's daily sweep deletes them. */
  readonly timerRetentionDays: number;
  /** Days an expired invite is kept (its link says it expired) before the component's daily sweep deletes it. */
  readonly expiredInviteDays: number;
  /** Seconds within which the same alarm preset at the same place merges into the open incident (0: never). */
  readonly alarmMergeSeconds: number;
  /** How long a device's sign-in token (XEP-0484) lasts, in days. */
  readonly signinTokenDays: number;
  /** mod_limits' rate for each client connection, in kB/s. */
  readonly c2sRateKb: number;
  readonly muc: { readonly membersOnly: boolean; readonly archived: boolean; readonly maxHistory: number };
  readonly componentSecret: string;
  readonly federation: boolean;
  readonly c2sRequireTls: boolean;
  readonly registration: 'invite' | 'open' | 'closed';
  readonly extraModules: readonly string[];
  /** Duty shifts: the longest, the warning before its end, the one extension. */
  readonly duty: { readonly maxShiftHours: number; readonly warningMinutes: number; readonly extensionHours: number };
  /** Location history retention and when a marker turns stale. */
  readonly location: { readonly retentionHours: number; readonly staleMinutes: number };
  /** Outdoor map tiles ('' = the offline site plans only). */
  readonly mapTileUrl: string;
  /** Web Push (issue #12): the push services' hosts the component may reach, and extra trusted CAs (PEM path or ''). */
  readonly push: {
    readonly services: readonly string[];
    readonly ca: string;
    /** What a push says beyond who wrote, which request, which alarm (BLEEP_PUSH_INCLUDE). */
    readonly include: readonly PushExtra[];
  };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** A refusal of one setting, with the reason a person can act on. */
export interface SettingProblem {
  readonly setting: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly SettingProblem[] };
