// Security and consistency rules that span fields. Each refusal says why and
// what to do instead. One small function per rule; `validateSettings` runs all
// of them and returns every problem at once (STYLE.md: fail at start, list all).
import { isKnownExtraModule, knownExtraModules, refusedModules } from '../modules.ts';
import { parsePostgresUrl } from '../storage.ts';
import { DOMAIN_RE, domainMessage } from './schema.ts';
import type { Settings, SettingProblem } from './types.ts';

type Rule = (s: Settings) => SettingProblem | SettingProblem[] | undefined;
const problem = (setting: string, message: string): SettingProblem => ({ setting, message });

export const noFederation: Rule = (s) =>
  s.federation
    ? problem(
        'BLEEP_FEDERATION',
        'federation is not allowed: patient data must stay on this server. Remove the setting or set it to false.',
      )
    : undefined;

export const c2sNeedsTls: Rule = (s) =>
  s.c2sRequireTls
    ? undefined
    : problem(
        'BLEEP_C2S_REQUIRE_TLS',
        'clients must use TLS: without it passwords and metadata cross the network in clear. Remove the setting or set it to true.',
      );

export const noOpenRegistration: Rule = (s) =>
  s.registration === 'open'
    ? problem(
        'BLEEP_REGISTRATION',
        'open registration would let anyone who reaches the server create an account. Use "invite" (admins send invites) or "closed".',
      )
    : undefined;

export const componentSecret: Rule = (s) => {
  if (s.componentSecret === '')
    return problem(
      'BLEEP_COMPONENT_SECRET',
      'is missing. Set it to a random string of at least 16 characters, e.g. the output of `openssl rand -base64 24`.',
    );
  if (s.componentSecret.length < 16)
    return problem(
      'BLEEP_COMPONENT_SECRET',
      `is ${s.componentSecret.length} characters; use at least 16 random characters (e.g. \`openssl rand -base64 24\`).`,
    );
  return undefined;
};

export const extraModules: Rule = (s) =>
  s.extraModules
    .filter((m) => !isKnownExtraModule(m))
    .map((m) => {
      const reason = refusedModules[m.replace(/^mod_/, '')];
      if (reason) return problem('BLEEP_EXTRA_MODULES', `"${m}" is refused: ${reason}.`);
      return problem(
        'BLEEP_EXTRA_MODULES',
        `"${m}" is not a known optional module. Known: ${knownExtraModules.map((k) => k.name).join(', ')}.`,
      );
    });

export const domain: Rule = (s) =>
  DOMAIN_RE.test(s.domain) ? undefined : problem('BLEEP_DOMAIN', domainMessage(s.domain));

export const postgresUrl: Rule = (s) => {
  if (s.storage.kind !== 'postgres') return undefined;
  if (s.storage.url === '')
    return problem(
      'BLEEP_DATABASE_URL',
      'is required when BLEEP_STORAGE=postgres, e.g. postgres://prosody:secret@127.0.0.1:5432/prosody.',
    );
  const parsed = parsePostgresUrl(s.storage.url);
  if (!parsed.ok)
    return problem('BLEEP_DATABASE_URL', `${parsed.reason}. Expected postgres://user:password@host:5432/database.`);
  if (s.postgresPassword && parsed.sql.password !== s.postgresPassword)
    return problem(
      'BLEEP_POSTGRES_PASSWORD',
      'differs from the password in BLEEP_DATABASE_URL; the database would refuse Prosody. Make them the same.',
    );
  return undefined;
};

export const tlsPair: Rule = (s) => {
  if (s.tls.cert && !s.tls.key)
    return problem(
      'BLEEP_TLS_KEY',
      'is missing: BLEEP_TLS_CERT is set, so give its private key too (or unset both for a self-signed certificate).',
    );
  if (s.tls.key && !s.tls.cert)
    return problem(
      'BLEEP_TLS_CERT',
      'is missing: BLEEP_TLS_KEY is set, so give its certificate too (or unset both for a self-signed certificate).',
    );
  return undefined;
};

export const distinctPorts: Rule = (s) => {
  const names = {
    c2s: 'BLEEP_C2S_PORT',
    http: 'BLEEP_HTTP_PORT',
    component: 'BLEEP_COMPONENT_PORT',
    opsHttp: 'BLEEP_OPS_HTTP_PORT',
    web: 'BLEEP_WEB_PORT',
  } as const;
  const seen = new Map<number, string>();
  const out: SettingProblem[] = [];
  for (const [key, setting] of Object.entries(names)) {
    const port = s.ports[key as keyof typeof names];
    if (port === 0) continue;
    const other = seen.get(port);
    if (other)
      out.push(
        problem(
          setting,
          `uses port ${port}, which ${other} already uses. Give each service its own port (or 0 to pick a free one).`,
        ),
      );
    else seen.set(port, setting);
  }
  return out;
};

export const adminsInDomain: Rule = (s) =>
  s.admins
    .filter((jid) => jid.split('@')[1] !== s.domain)
    .map((jid) =>
      problem(
        'BLEEP_ADMINS',
        `${jid} is not on ${s.domain}; admins must be accounts of this server (e.g. admin@${s.domain}).`,
      ),
    );

export const uploadQuota: Rule = (s) =>
  s.upload.quotaBytes < s.upload.maxBytes
    ? problem(
        'BLEEP_UPLOAD_QUOTA_BYTES',
        `(${s.upload.quotaBytes}) is below BLEEP_UPLOAD_MAX_BYTES (${s.upload.maxBytes}), so a file of the allowed size could never be uploaded. Raise the quota or lower the limit.`,
      )
    : undefined;

/** Each rule with the settings it reads, so a rule is skipped when one of them did not parse. */
export const rules: readonly { readonly check: Rule; readonly reads: readonly string[] }[] = [
  { check: noFederation, reads: ['BLEEP_FEDERATION'] },
  { check: c2sNeedsTls, reads: ['BLEEP_C2S_REQUIRE_TLS'] },
  { check: noOpenRegistration, reads: ['BLEEP_REGISTRATION'] },
  { check: componentSecret, reads: ['BLEEP_COMPONENT_SECRET'] },
  { check: extraModules, reads: ['BLEEP_EXTRA_MODULES'] },
  { check: domain, reads: ['BLEEP_DOMAIN'] },
  { check: postgresUrl, reads: ['BLEEP_STORAGE', 'BLEEP_DATABASE_URL', 'BLEEP_POSTGRES_PASSWORD'] },
  { check: tlsPair, reads: ['BLEEP_TLS_CERT', 'BLEEP_TLS_KEY'] },
  { check: distinctPorts, reads: ['BLEEP_C2S_PORT', 'BLEEP_HTTP_PORT', 'BLEEP_COMPONENT_PORT', 'BLEEP_WEB_PORT'] },
  { check: adminsInDomain, reads: ['BLEEP_ADMINS', 'BLEEP_DOMAIN'] },
  { check: uploadQuota, reads: ['BLEEP_UPLOAD_MAX_BYTES', 'BLEEP_UPLOAD_QUOTA_BYTES'] },
];

/** Runs every rule; `unparsed` names settings that failed the schema, whose rules are skipped. */
export function validateSettings(s: Settings, unparsed: ReadonlySet<string> = new Set()): SettingProblem[] {
  return rules
    .filter((r) => !r.reads.some((k) => unparsed.has(k)))
    .flatMap(({ check }) => {
      const r = check(s);
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    });
}
