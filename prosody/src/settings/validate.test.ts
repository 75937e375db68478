import { describe, expect, it } from 'vitest';
import { goodEnv } from '../test-fixtures.ts';
import { parseSettings } from './load.ts';
import type { SettingProblem } from './types.ts';

function problems(overrides: Record<string, string>): readonly SettingProblem[] {
  const r = parseSettings({ ...goodEnv, ...overrides }, '/');
  return r.ok ? [] : r.problems;
}

function refusal(overrides: Record<string, string>, setting: string): string {
  const found = problems(overrides).filter((p) => p.setting === setting);
  expect(found, `expected a problem with ${setting}`).toHaveLength(1);
  return found[0]!.message;
}

describe('validateSettings', () => {
  it('accepts a good production config', () => {
    const r = parseSettings(goodEnv, '/');
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('defaults duty and locations as issue #9 asks: 12 h shifts warned 15 min before, 12 h of history', () => {
    const r = parseSettings(goodEnv, '/');
    expect(r.ok && r.settings.duty).toEqual({ maxShiftHours: 12, warningMinutes: 15, extensionHours: 1 });
    expect(r.ok && r.settings.location).toEqual({ retentionHours: 12, staleMinutes: 5 });
  });

  it('lets a push say only what the hospital chose from the known extras; by default nothing more', () => {
    const r = parseSettings({ ...goodEnv, BLEEP_PUSH_INCLUDE: 'alarm-place' }, '/');
    expect(r.ok && r.settings.push.include).toEqual(['alarm-place']);
    const d = parseSettings(goodEnv, '/');
    expect(d.ok && d.settings.push.include).toEqual([]);
    expect(refusal({ BLEEP_PUSH_INCLUDE: 'alarm-place,message-text' }, 'BLEEP_PUSH_INCLUDE')).toMatch(
      /"message-text" is not something a push can include: use alarm-place, request-fields/,
    );
  });

  it('refuses federation', () => {
    expect(refusal({ BLEEP_FEDERATION: 'true' }, 'BLEEP_FEDERATION')).toMatch(/not allowed.*set it to false/);
  });

  it('refuses c2s without TLS', () => {
    expect(refusal({ BLEEP_C2S_REQUIRE_TLS: 'false' }, 'BLEEP_C2S_REQUIRE_TLS')).toMatch(
      /must use TLS.*set it to true/,
    );
  });

  it('refuses open registration', () => {
    expect(refusal({ BLEEP_REGISTRATION: 'open' }, 'BLEEP_REGISTRATION')).toMatch(/anyone.*"invite"/);
  });

  it('refuses a missing or short component secret', () => {
    expect(refusal({ BLEEP_COMPONENT_SECRET: '' }, 'BLEEP_COMPONENT_SECRET')).toMatch(/missing.*openssl rand/);
    expect(refusal({ BLEEP_COMPONENT_SECRET: 'short-secret' }, 'BLEEP_COMPONENT_SECRET')).toMatch(
      /12 characters.*at least 16/,
    );
  });

  it('refuses unknown extra modules and says why for dangerous ones', () => {
    expect(refusal({ BLEEP_EXTRA_MODULES: 'motd, frobnicate' }, 'BLEEP_EXTRA_MODULES')).toMatch(
      /"frobnicate" is not a known.*Known: announce, motd/,
    );
    expect(refusal({ BLEEP_EXTRA_MODULES: 'sasl2_sm' }, 'BLEEP_EXTRA_MODULES')).toMatch(/do_enable\/do_resume/);
    expect(refusal({ BLEEP_EXTRA_MODULES: 'sasl2_bind2' }, 'BLEEP_EXTRA_MODULES')).toMatch(/never be resumed/);
    expect(refusal({ BLEEP_EXTRA_MODULES: 'mod_s2s' }, 'BLEEP_EXTRA_MODULES')).toMatch(/federation/);
    expect(problems({ BLEEP_EXTRA_MODULES: 'motd,announce' })).toEqual([]);
  });

  it('keeps sign-in tokens between 1 and 90 days, 7 by default', () => {
    const r = parseSettings(goodEnv, '/');
    expect(r.ok && r.settings.signinTokenDays).toBe(7);
    expect(refusal({ BLEEP_SIGNIN_TOKEN_DAYS: '365' }, 'BLEEP_SIGNIN_TOKEN_DAYS')).toMatch(
      /at most 90 days.*ward device/,
    );
    expect(problems({ BLEEP_SIGNIN_TOKEN_DAYS: '0' }).map((p) => p.setting)).toEqual(['BLEEP_SIGNIN_TOKEN_DAYS']);
    expect(problems({ BLEEP_SIGNIN_TOKEN_DAYS: '30' })).toEqual([]);
  });

  it('refuses a malformed domain with the value and an example', () => {
    expect(refusal({ BLEEP_DOMAIN: 'https://Hospital.example:443' }, 'BLEEP_DOMAIN')).toBe(
      '"https://Hospital.example:443" is not a valid domain: use a lower-case DNS name such as hospital.example (no scheme, port, path or spaces)',
    );
  });

  it('refuses postgres storage without a valid postgres:// URL', () => {
    expect(refusal({ BLEEP_STORAGE: 'postgres' }, 'BLEEP_DATABASE_URL')).toMatch(
      /required when BLEEP_STORAGE=postgres/,
    );
    expect(refusal({ BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: 'mysql://x@h/db' }, 'BLEEP_DATABASE_URL')).toMatch(
      /must start with postgres:\/\//,
    );
    expect(
      problems({ BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: 'postgres://p:s@127.0.0.1:5432/prosody' }),
    ).toEqual([]);
  });

  it('refuses a compose postgres password that differs from the URL', () => {
    const env = {
      BLEEP_STORAGE: 'postgres',
      BLEEP_DATABASE_URL: 'postgres://p:one@db/prosody',
      BLEEP_POSTGRES_PASSWORD: 'two',
    };
    expect(refusal(env, 'BLEEP_POSTGRES_PASSWORD')).toMatch(/differs/);
  });

  it('refuses a certificate without key and a key without certificate', () => {
    expect(refusal({ BLEEP_TLS_KEY: '' }, 'BLEEP_TLS_KEY')).toMatch(/give its private key/);
    expect(refusal({ BLEEP_TLS_CERT: '' }, 'BLEEP_TLS_CERT')).toMatch(/give its certificate/);
    expect(problems({ BLEEP_TLS_CERT: '', BLEEP_TLS_KEY: '' })).toEqual([]);
  });

  it('refuses two services on one port but not two unset ports', () => {
    expect(refusal({ BLEEP_HTTP_PORT: '5222' }, 'BLEEP_HTTP_PORT')).toMatch(
      /port 5222, which BLEEP_C2S_PORT already uses/,
    );
    expect(problems({ BLEEP_HTTP_PORT: '0', BLEEP_C2S_PORT: '0' })).toEqual([]);
  });

  it('refuses admins outside the domain', () => {
    expect(refusal({ BLEEP_ADMINS: 'admin@hospital.example,eve@evil.example' }, 'BLEEP_ADMINS')).toMatch(
      /eve@evil\.example is not on hospital\.example/,
    );
  });

  it('refuses a daily upload quota below the file size limit', () => {
    expect(
      refusal({ BLEEP_UPLOAD_MAX_BYTES: '1000', BLEEP_UPLOAD_QUOTA_BYTES: '999' }, 'BLEEP_UPLOAD_QUOTA_BYTES'),
    ).toMatch(/could never be uploaded/);
  });

  it("refuses an upload limit over the web proxy's ceiling, saying it", () => {
    expect(
      problems({ BLEEP_UPLOAD_MAX_BYTES: String(2 * 1024 ** 3), BLEEP_UPLOAD_QUOTA_BYTES: String(4 * 1024 ** 3) }),
    ).toEqual([
      expect.objectContaining({ setting: 'BLEEP_UPLOAD_MAX_BYTES', message: expect.stringMatching(/over 1 GiB/) }),
    ]);
  });

  it('lists rule problems together with values that do not parse', () => {
    const all = problems({ BLEEP_DOMAIN: 'Not A Domain', BLEEP_C2S_PORT: 'many', BLEEP_FEDERATION: 'true' });
    expect(all.map((p) => p.setting).sort()).toEqual(['BLEEP_C2S_PORT', 'BLEEP_DOMAIN', 'BLEEP_FEDERATION']);
  });

  it('lists every problem at once', () => {
    const all = problems({ BLEEP_FEDERATION: 'yes', BLEEP_REGISTRATION: 'open', BLEEP_COMPONENT_SECRET: '' });
    expect(all.map((p) => p.setting).sort()).toEqual([
      'BLEEP_COMPONENT_SECRET',
      'BLEEP_FEDERATION',
      'BLEEP_REGISTRATION',
    ]);
  });
});
