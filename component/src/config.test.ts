import type { Settings } from '@bleep/prosody-config';
import { describe, expect, it } from 'vitest';
import { componentConfig, DEFAULT_LIMITS } from './config.ts';

const good = {
  domain: 'h.example',
  opsHost: 'ops.h.example',
  mucHost: 'conference.h.example',
  admins: ['Admin@h.example'],
  prosodyHost: '127.0.0.1',
  bind: '127.0.0.1',
  ports: { c2s: 5222, http: 5280, component: 5347, opsHttp: 5381, web: 443 },
  componentSecret: 'a-long-enough-secret',
  dataDir: '/var/lib/bleep',
  storage: { kind: 'sqlite' },
  logLevel: 'info',
  duty: { maxShiftHours: 12, warningMinutes: 15, extensionHours: 1 },
  location: { retentionHours: 12, staleMinutes: 5 },
  requestAuditDays: 365,
  timerRetentionDays: 30,
  expiredInviteDays: 30,
  alarmMergeSeconds: 120,
  publicUrl: '',
  push: { services: ['fcm.googleapis.com'], ca: '', include: [] },
} as unknown as Settings;

describe('component config', () => {
  it('accepts good settings, lower-cases admins and freezes the result', () => {
    const r = componentConfig(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.admins).toEqual(['admin@h.example']);
    expect(Object.isFrozen(r.config)).toBe(true);
  });

  it('lists every problem at once', () => {
    const r = componentConfig({
      ...good,
      componentSecret: 'short',
      dataDir: 'relative/dir',
      ports: { ...good.ports, component: 0 },
      storage: { kind: 'postgres', url: 'mysql://x' },
      admins: ['root@elsewhere.org'],
    } as unknown as Settings);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(5);
    expect(r.problems.join('\n')).toMatch(/root@elsewhere.org is not an account/);
    expect(r.problems.join('\n')).toMatch(/componentSecret must be at least 16/);
    expect(r.problems.join('\n')).toMatch(/dataDir must be an absolute path/);
    expect(r.problems.join('\n')).toMatch(/componentPort is not chosen/);
    expect(r.problems.join('\n')).toMatch(/postgres:\/\//);
  });

  it('refuses an ops host outside the domain and admins of another domain', () => {
    const r = componentConfig({ ...good, opsHost: 'ops.elsewhere.org', admins: ['root@elsewhere.org'] } as Settings);
    expect(r.ok || r.problems).toEqual([
      'opsHost ops.elsewhere.org must be a subdomain of h.example',
      'admins: root@elsewhere.org is not an account of h.example',
    ]);
  });

  it('refuses a fired-timer or expired-invite retention under a day', () => {
    const r = componentConfig({ ...good, timerRetentionDays: 0, expiredInviteDays: 0 } as Settings);
    expect(r.ok || r.problems).toEqual([
      'timerRetentionDays must be at least 1 day (BLEEP_TIMER_RETENTION_DAYS)',
      'expiredInviteDays must be at least 1 day (BLEEP_EXPIRED_INVITE_DAYS)',
    ]);
    expect(componentConfig(good)).toMatchObject({ ok: true, config: { timerRetentionDays: 30 } });
  });

  it('holds the per-account limits, the defaults unless a test gives others, each checked', () => {
    const r = componentConfig(good);
    expect(r.ok && r.config.limits).toEqual(DEFAULT_LIMITS);
    const raised = componentConfig(good, { commandSessions: 500 });
    expect(raised.ok && raised.config.limits.commandSessions).toBe(500);
    const bad = componentConfig(good, { commandSessions: 0, commandIdleMinutes: 0, roleMessagesPerMinute: 1.5 });
    expect(bad.ok || bad.problems).toEqual([
      'limits.commandSessions must be at least 1',
      'limits.commandIdleMinutes must be at least 1',
      'limits.roleMessagesPerMinute Invalid input: expected int, received number',
    ]);
  });
});
