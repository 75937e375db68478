import { describe, expect, it } from 'vitest';
import { coreModules } from './modules.ts';
import { BLEEP_MODULES_DIR, renderConfig } from './render.ts';
import { settingsFrom } from './test-fixtures.ts';

const cfg = renderConfig(settingsFrom());
const lines = cfg.split('\n');
const has = (line: string) => expect(lines, `missing line: ${line}`).toContain(line);

describe('renderConfig', () => {
  it('turns federation off by disabling s2s, not with disallow_s2s', () => {
    expect(cfg).toMatch(/modules_disabled = \{\n {2}"s2s"; -- no federation/);
    expect(cfg).not.toMatch(/disallow_s2s|"dialback"|s2s_ports/);
  });

  it('requires TLS on c2s and keeps registration closed to all but invites', () => {
    has('c2s_require_encryption = true');
    has('allow_registration = false');
    has('registration_invite_only = true');
    expect(cfg).toContain('"invites_register"; --');
    expect(cfg).toContain('"bleep_invites"; --');
    expect(renderConfig(settingsFrom({ BLEEP_REGISTRATION: 'closed' }))).not.toContain('invites_register');
  });

  it('never enables consider_websocket_secure or run_as_root', () => {
    expect(cfg).not.toMatch(/consider_websocket_secure|run_as_root/);
  });

  it('signs devices in with FAST tokens that last the configured days, through the 0.12 shim', () => {
    const names = lines.filter((l) => /^ {2}"(bleep_(sasl2|fast)\w+|sasl2\w*)";/.test(l)).map((l) => l.split('"')[1]);
    expect(names).toEqual(['bleep_sasl2_compat', 'sasl2', 'sasl2_fast', 'bleep_fast_revoke']);
    has(`plugin_paths = { ${JSON.stringify(BLEEP_MODULES_DIR)} }`);
    has('sasl2_fast_token_ttl = 604800');
    expect(renderConfig(settingsFrom({ BLEEP_SIGNIN_TOKEN_DAYS: '1' }))).toContain('sasl2_fast_token_ttl = 86400');
  });

  it('gives every enabled module its reason as a Lua comment', () => {
    for (const m of coreModules) expect(cfg).toContain(`"${m.name}"; -- ${m.why}`);
  });

  it('serves the websocket on the app origin behind a trusted local proxy', () => {
    has('http_external_url = "https://chat.hospital.example/"');
    has('http_default_host = "hospital.example"');
    has('trusted_proxies = { "127.0.0.1", "::1" }');
    has('http_default_cors_enabled = false');
    has('https_ports = {  }');
  });

  it('binds the ports from the settings and keeps the component on loopback', () => {
    has('c2s_ports = { 5222 }');
    has('http_ports = { 5280 }');
    has('component_ports = { 5347 }');
    has('interfaces = { "127.0.0.1" }');
    has('component_interfaces = { "127.0.0.1" }');
    const compose = renderConfig(settingsFrom({ BLEEP_BIND: '0.0.0.0', BLEEP_PROSODY_HOST: 'prosody' }));
    expect(compose).toContain('component_interfaces = { "0.0.0.0" }');
  });

  it('declares the hosts: users, rooms with the ops admin, uploads, the component', () => {
    has('VirtualHost "hospital.example"');
    has('Component "conference.hospital.example" "muc"');
    has('  admins = { "ops.hospital.example" }');
    // Only the component may disable or enable accounts (modules/mod_bleep_accounts.lua).
    has('bleep_accounts_admin = "ops.hospital.example"');
    // …and it runs XEP-0133 on the users' host (right under VirtualHost), as an admin of that host alone.
    expect(lines[lines.indexOf('VirtualHost "hospital.example"') + 1]).toBe('  admins = { "ops.hospital.example" }');
    has('bleep_alarm_inviter = "ops.hospital.example"');
    has('bleep_alarm_muc = "conference.hospital.example"');
    has('  muc_room_default_members_only = true');
    has('  muc_room_default_public_jids = true');
    has('  muc_room_default_persistent = true');
    has('  muc_log_by_default = true');
    expect(cfg).toContain('"muc_mam"; --');
    expect(cfg).toContain('"bleep_muc_readonly"; --');
    has('Component "share.hospital.example" "http_file_share"');
    has('  http_file_share_size_limit = 104857600');
    has('  http_file_share_daily_quota = 1073741824');
    has('  http_file_share_expires_after = 2592000');
    has('Component "plans.hospital.example" "http_file_share"');
    has('  http_file_share_access = { "admin@hospital.example" }');
    expect(cfg).toContain('"bleep_plans_access"; --');
    has('Component "ops.hospital.example"');
    has('  component_secret = "a-very-long-random-secret-0123456789"');
  });

  it('lets nobody upload site plans when there are no admins (an empty list would let every user)', () => {
    const none = renderConfig(settingsFrom({ BLEEP_ADMINS: '' })).split('\n');
    expect(none).toContain('  http_file_share_access = { "nobody@no-admins.invalid" }');
    expect(none).not.toContain('  http_file_share_access = {}');
  });

  it('keeps files, logs and TLS where the settings say', () => {
    has('data_path = "/var/lib/bleep"');
    has('pidfile = "/var/lib/bleep/prosody.pid"');
    expect(cfg).toContain(
      'log = { { levels = { min = "info" }; to = "file"; filename = "/var/lib/bleep/prosody.log" }',
    );
    has('ssl = { certificate = "/etc/bleep/tls/cert.pem"; key = "/etc/bleep/tls/key.pem" }');
    has('archive_expires_after = "365d"');
  });

  it('stores in SQLite by default and in PostgreSQL from the URL', () => {
    has('storage = "sql"');
    has('sql = { driver = "SQLite3"; database = "/var/lib/bleep/prosody.sqlite" }');
    const pg = renderConfig(
      settingsFrom({ BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: 'postgres://bleep:pw@db:5433/chat' }),
    );
    expect(pg).toContain(
      'sql = { driver = "PostgreSQL"; database = "chat"; host = "db"; port = 5433; username = "bleep"; password = "pw" }',
    );
  });

  it('quotes setting values so they cannot inject Lua', () => {
    const evil = renderConfig(settingsFrom({ BLEEP_COMPONENT_SECRET: 'long-secret-0123"\nos.execute("id")--' }));
    expect(evil).toContain('component_secret = "long-secret-0123\\"\\010os.execute(\\"id\\")--"');
    expect(evil.split('\n').filter((l) => l.startsWith('os.execute'))).toEqual([]);
  });
});
