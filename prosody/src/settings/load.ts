// Reads the one `.env` (plus the process environment, which wins) into typed,
// validated, frozen Settings. Every problem is listed at once.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { readOverlay } from './overlay.ts';
import { settingsSchema, type RawSettings } from './schema.ts';
import type { Settings, SettingProblem, SettingsResult } from './types.ts';
import { validateSettings } from './validate.ts';

export type Env = Readonly<Record<string, string | undefined>>;

/** Parses a .env file if it exists; a missing file is no error (defaults apply). */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** Only BLEEP_* keys count; empty strings from the env mean "unset". */
function pick(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('BLEEP_') && v !== undefined && v !== '') out[k] = v;
  return out;
}

function toSettings(raw: RawSettings, cwd: string): Settings {
  const d = raw.BLEEP_DOMAIN;
  return {
    domain: d,
    mucHost: `conference.${d}`,
    shareHost: `share.${d}`,
    planHost: `plans.${d}`,
    opsHost: `ops.${d}`,
    admins: raw.BLEEP_ADMINS,
    dataDir: resolve(cwd, raw.BLEEP_DATA_DIR),
    bind: raw.BLEEP_BIND,
    prosodyHost: raw.BLEEP_PROSODY_HOST,
    trustedProxies: raw.BLEEP_TRUSTED_PROXIES,
    ports: {
      c2s: raw.BLEEP_C2S_PORT,
      http: raw.BLEEP_HTTP_PORT,
      component: raw.BLEEP_COMPONENT_PORT,
      opsHttp: raw.BLEEP_OPS_HTTP_PORT,
      web: raw.BLEEP_WEB_PORT,
    },
    publicUrl: raw.BLEEP_PUBLIC_URL.replace(/\/+$/, ''),
    tls: {
      cert: raw.BLEEP_TLS_CERT && resolve(cwd, raw.BLEEP_TLS_CERT),
      key: raw.BLEEP_TLS_KEY && resolve(cwd, raw.BLEEP_TLS_KEY),
    },
    storage: raw.BLEEP_STORAGE === 'postgres' ? { kind: 'postgres', url: raw.BLEEP_DATABASE_URL } : { kind: 'sqlite' },
    postgresPassword: raw.BLEEP_POSTGRES_PASSWORD,
    upload: {
      maxBytes: raw.BLEEP_UPLOAD_MAX_BYTES,
      quotaBytes: raw.BLEEP_UPLOAD_QUOTA_BYTES,
      expiryDays: raw.BLEEP_UPLOAD_EXPIRY_DAYS,
    },
    archiveExpiryDays: raw.BLEEP_ARCHIVE_EXPIRY_DAYS,
    requestAuditDays: raw.BLEEP_REQUEST_AUDIT_DAYS,
    timerRetentionDays: raw.BLEEP_TIMER_RETENTION_DAYS,
    expiredInviteDays: raw.BLEEP_EXPIRED_INVITE_DAYS,
    alarmMergeSeconds: raw.BLEEP_ALARM_MERGE_SECONDS,
    signinTokenDays: raw.BLEEP_SIGNIN_TOKEN_DAYS,
    c2sRateKb: raw.BLEEP_C2S_RATE_KB,
    muc: {
      membersOnly: raw.BLEEP_MUC_MEMBERS_ONLY,
      archived: raw.BLEEP_MUC_ARCHIVED,
      maxHistory: raw.BLEEP_MUC_MAX_HISTORY,
    },
    componentSecret: raw.BLEEP_COMPONENT_SECRET,
    federation: raw.BLEEP_FEDERATION,
    c2sRequireTls: raw.BLEEP_C2S_REQUIRE_TLS,
    registration: raw.BLEEP_REGISTRATION,
    extraModules: raw.BLEEP_EXTRA_MODULES,
    duty: {
      maxShiftHours: raw.BLEEP_DUTY_MAX_SHIFT_HOURS,
      warningMinutes: raw.BLEEP_DUTY_WARNING_MINUTES,
      extensionHours: raw.BLEEP_DUTY_EXTENSION_HOURS,
    },
    location: {
      retentionHours: raw.BLEEP_LOCATION_RETENTION_HOURS,
      staleMinutes: raw.BLEEP_LOCATION_STALE_MINUTES,
    },
    mapTileUrl: raw.BLEEP_MAP_TILE_URL,
    push: {
      services: raw.BLEEP_PUSH_SERVICES,
      ca: raw.BLEEP_PUSH_CA && resolve(cwd, raw.BLEEP_PUSH_CA),
      include: raw.BLEEP_PUSH_INCLUDE,
    },
    logLevel: raw.BLEEP_LOG_LEVEL,
  };
}

/**
 * Parses and validates settings from an env map (file values overlaid by the
 * process env). Lists every problem at once: when some values do not parse,
 * the cross-field rules still run with defaults in their place.
 */
export function parseSettings(env: Env, cwd: string = process.cwd()): SettingsResult {
  const picked = pick(env);
  const parsed = settingsSchema.safeParse(picked);
  if (parsed.success) {
    const settings = toSettings(parsed.data, cwd);
    const problems = validateSettings(settings);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, settings: deepFreeze(settings) };
  }
  const problems: SettingProblem[] = parsed.error.issues.map((i) => ({
    setting: String(i.path[0] ?? '(settings)'),
    message: i.message,
  }));
  const bad = new Set(problems.map((p) => p.setting));
  const rest = settingsSchema.safeParse(Object.fromEntries(Object.entries(picked).filter(([k]) => !bad.has(k))));
  if (rest.success) problems.push(...validateSettings(toSettings(rest.data, cwd), bad));
  return { ok: false, problems };
}

/** `.env` and the process env (which wins): the settings before an admin's edits. */
export function baseEnv(opts: { cwd?: string; envFile?: string; env?: Env } = {}): Env {
  const cwd = opts.cwd ?? process.cwd();
  return { ...readEnvFile(opts.envFile ?? resolve(cwd, '.env')), ...(opts.env ?? process.env) };
}

/** The data dir the env names (where the admins' overlay lives), before the settings are validated. */
export function dataDirOf(env: Env, cwd: string = process.cwd()): string {
  return resolve(cwd, pick(env).BLEEP_DATA_DIR ?? settingsSchema.shape.BLEEP_DATA_DIR.parse(undefined));
}

/**
 * Where the admins' overlay is read from: the data dir, unless BLEEP_OVERLAY_DIR names another. In docker the
 * component's data dir is its own volume, so it reads Prosody's (docker-compose.yml mounts it read-only): an
 * admin's edit (BLEEP_ADMINS above all) reaches both at their next start, as it does under `npm start`.
 */
export function overlayDirOf(env: Env, cwd: string = process.cwd()): string {
  const dir = pick(env).BLEEP_OVERLAY_DIR;
  return dir ? resolve(cwd, dir) : dataDirOf(env, cwd);
}

/**
 * Reads `<cwd>/.env`, the process env (which wins) and the admins' overlay in the data dir (which wins over
 * both, overlay.ts), so every start renders what an admin applied last.
 */
export function loadSettings(opts: { cwd?: string; envFile?: string; env?: Env } = {}): SettingsResult {
  const cwd = opts.cwd ?? process.cwd();
  const base = baseEnv(opts);
  const { overlay, problems } = readOverlay(overlayDirOf(base, cwd));
  const r = parseSettings({ ...base, ...overlay }, cwd);
  if (problems.length === 0) return r;
  return { ok: false, problems: [...problems, ...(r.ok ? [] : r.problems)] };
}

export function formatProblems(problems: readonly SettingProblem[]): string {
  return problems.map((p) => `  - ${p.setting}: ${p.message}`).join('\n');
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
