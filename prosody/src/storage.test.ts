import { describe, expect, it } from 'vitest';
import { settingsFrom } from './test-fixtures.ts';
import { parsePostgresUrl, sqlConfig } from './storage.ts';

describe('parsePostgresUrl', () => {
  it('splits a full URL and decodes escaped characters', () => {
    expect(parsePostgresUrl('postgres://pro%40dy:p%2Fss@db.internal:6543/bleep')).toEqual({
      ok: true,
      sql: {
        driver: 'PostgreSQL',
        database: 'bleep',
        host: 'db.internal',
        port: 6543,
        username: 'pro@dy',
        password: 'p/ss',
      },
    });
  });

  it('defaults the port to 5432', () => {
    const r = parsePostgresUrl('postgresql://u@127.0.0.1/db');
    expect(r.ok && r.sql.port).toBe(5432);
  });

  it('gives a reason for wrong URLs', () => {
    expect(parsePostgresUrl('mysql://u@h/db')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/postgres:\/\//),
    });
    expect(parsePostgresUrl('postgres://u@h/')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/one database/),
    });
    expect(parsePostgresUrl('not a url')).toMatchObject({ ok: false, reason: 'is not a URL' });
  });
});

describe('sqlConfig', () => {
  it('puts SQLite in the data dir', () => {
    expect(sqlConfig(settingsFrom())).toEqual({ driver: 'SQLite3', database: '/var/lib/bleep/prosody.sqlite' });
  });
});
