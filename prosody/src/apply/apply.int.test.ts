// Applying an admin's settings edit to a real, running Prosody (issue #13 part 5): reload without signing anyone
// out, refusals, hand edits, rollback after a failed check, and a restart that keeps the edit.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRenderedCopy } from '../config-file.ts';
import { renderConfig } from '../render.ts';
import { startTestProsody, type RunningProsody } from '../runner/index.ts';
import { login, xml, type Client } from '../runner/test-client.ts';
import { loadSettings } from '../settings/load.ts';
import { overlayPath } from '../settings/overlay.ts';
import { applyEdit, type HandEditPolicy } from './apply.ts';
import { LOCK_FILE } from './lock.ts';
import { envOf } from './test-env.ts';

const alice = { user: 'alice', password: 'alice-password' };
let prosody: RunningProsody;
let client: Client;

const apply = (edits: Record<string, string>, handEdits: HandEditPolicy = 'refuse') =>
  applyEdit({ base: envOf(prosody.settings), cwd: prosody.settings.dataDir, edits, handEdits, note: 'test' });

const config = () => readFile(prosody.configPath, 'utf8');

/** Asks share.<domain> for an upload slot (XEP-0363); the error condition, or 'slot'. */
async function slotFor(size: number): Promise<string> {
  const request = xml('request', { xmlns: 'urn:xmpp:http:upload:0', filename: 'scan.pdf', size: String(size) });
  try {
    await client.iqCaller.request(xml('iq', { type: 'get', to: prosody.settings.shareHost }, request));
    return 'slot';
  } catch (err) {
    const el = (err as { element?: { getChild(n: string, ns?: string): unknown } }).element;
    return el?.getChild('file-too-large', 'urn:xmpp:http:upload:0') ? 'file-too-large' : String(err);
  }
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice] });
  client = await login(prosody.settings, alice);
});
afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
});

describe('applying an admin edit to a running Prosody', () => {
  it('refuses federation, open registration, clients without TLS and keys not editable; nothing changes', async () => {
    const before = await config();
    for (const [edit, reason] of [
      [{ BLEEP_FEDERATION: 'true' }, /federation is not allowed: patient data must stay on this server/],
      [{ BLEEP_REGISTRATION: 'open' }, /open registration would let anyone/],
      [{ BLEEP_C2S_REQUIRE_TLS: 'false' }, /clients must use TLS: without it passwords .* in clear/],
      [{ BLEEP_UPLOAD_QUOTA_BYTES: '10' }, /could never be uploaded/],
      [{ BLEEP_DOMAIN: 'other.example' }, /cannot be changed on a running server/],
    ] as const) {
      const r = await apply(edit);
      expect(r.ok).toBe(false);
      if (r.ok || r.stage !== 'refused') throw new Error(`expected a refusal of ${JSON.stringify(edit)}`);
      expect(r.problems.map((p) => p.message).join(' ')).toMatch(reason);
    }
    expect(await config()).toBe(before);
    await expect(readFile(overlayPath(prosody.settings.dataDir))).rejects.toThrow(/ENOENT/);
  });

  it('applies a smaller upload limit with a reload: the connected client keeps its stream and sees the new limit', async () => {
    const socket = client.socket;
    let dropped = 0;
    client.on('disconnect', () => dropped++);
    expect(await slotFor(2000)).toBe('slot');
    const r = await apply({ BLEEP_UPLOAD_MAX_BYTES: '1000' });
    expect(r.ok && r.changed).toEqual(['BLEEP_UPLOAD_MAX_BYTES']);
    expect(r.ok && r.diff).toContain('+  http_file_share_size_limit = 1000');
    expect(await slotFor(2000)).toBe('file-too-large');
    expect(await slotFor(500)).toBe('slot');
    expect(client.socket).toBe(socket);
    expect(dropped).toBe(0);
    expect(await readFile(overlayPath(prosody.settings.dataDir), 'utf8')).toContain('BLEEP_UPLOAD_MAX_BYTES="1000"');
  });

  it('applies a client rate limit by reloading the global mod_limits', async () => {
    const r = await apply({ BLEEP_C2S_RATE_KB: '2000' });
    expect(r.ok && r.diff).toContain('+limits = { c2s = { rate = "2000kb/s"; burst = "4s" } }');
    expect(await config()).toContain('rate = "2000kb/s"');
  });

  it('saves a change of admins and says it applies at the next restart (Prosody 0.12 reads admins at load)', async () => {
    const r = await apply({ BLEEP_ADMINS: 'admin@bleep.localhost,bob@bleep.localhost' });
    expect(r.ok && r.atRestart).toEqual(['BLEEP_ADMINS']);
    expect(await config()).toContain('admins = { "admin@bleep.localhost", "bob@bleep.localhost" }');
  });

  it('reports a hand edit and changes nothing; told to keep it, applies around it', async () => {
    const edited = (await config()).replace(
      /(Component "conference\.bleep\.localhost" "muc"\n)/,
      '$1  muc_room_locking = false -- added by an admin\n',
    );
    await writeFile(prosody.configPath, edited);
    const r = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '7' });
    expect(r.ok || r.stage).toBe('hand-edits');
    expect(!r.ok && r.stage === 'hand-edits' && r.handEdits).toEqual([
      expect.objectContaining({ name: 'muc_room_locking', section: 'conference.bleep.localhost', kind: 'added' }),
    ]);
    expect(await config()).toBe(edited);
    const kept = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '7' }, 'keep');
    expect(kept.ok).toBe(true);
    expect(await config()).toContain('muc_room_locking = false -- added by an admin');
    expect(await config()).toContain('http_file_share_expires_after = 604800');
  });

  it('rolls back when prosodyctl check config fails, says why, and Prosody keeps the old settings', async () => {
    // An option Prosody 0.12 calls obsolete, typed in by hand: the checker refuses the file.
    const edited = (await config()).replace(
      'http_default_cors_enabled',
      'cross_domain_websocket = true\nhttp_default_cors_enabled',
    );
    await writeFile(prosody.configPath, edited);
    const overlay = await readFile(overlayPath(prosody.settings.dataDir), 'utf8');
    const r = await apply({ BLEEP_UPLOAD_MAX_BYTES: '3000' }, 'keep');
    expect(r.ok).toBe(false);
    if (r.ok || r.stage !== 'check') throw new Error(`expected a failed check, got ${JSON.stringify(r)}`);
    expect(r.output).toMatch(/obsolete.*\n.*cross_domain_websocket/);
    expect(await config()).toBe(edited);
    expect(await readFile(overlayPath(prosody.settings.dataDir), 'utf8')).toBe(overlay);
    expect(await slotFor(2000)).toBe('file-too-large');
    await writeFile(prosody.configPath, edited.replace('cross_domain_websocket = true\n', ''));
  });

  it('refuses while another apply holds the lock, and takes over a lock its dead holder left', async () => {
    const lock = join(prosody.settings.dataDir, LOCK_FILE);
    await writeFile(lock, String(process.pid));
    const r = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '8' });
    expect(r.ok || r.stage).toBe('busy');
    await writeFile(lock, '999999999');
    const taken = await apply({ BLEEP_UPLOAD_EXPIRY_DAYS: '7' }, 'keep');
    expect(taken.ok).toBe(true);
    await expect(readFile(lock)).rejects.toThrow(/ENOENT/);
  });

  it('rolls back when the reload fails (no admin console to reach), and says the old config could not be reloaded either', async () => {
    const socket = join(prosody.settings.dataDir, 'prosody.sock');
    const before = await config();
    const overlay = await readFile(overlayPath(prosody.settings.dataDir), 'utf8');
    await rename(socket, `${socket}.away`);
    try {
      const r = await apply({ BLEEP_UPLOAD_MAX_BYTES: '3000' }, 'keep');
      if (r.ok || r.stage !== 'reload') throw new Error(`expected a failed reload, got ${JSON.stringify(r)}`);
      expect(r.step).toBe('config reload');
      expect(r.output).toMatch(/Unable to connect to server/);
      expect(r.restored).toBe(false);
    } finally {
      await rename(`${socket}.away`, socket);
    }
    expect(await config()).toBe(before);
    expect(await readFile(overlayPath(prosody.settings.dataDir), 'utf8')).toBe(overlay);
    expect(await slotFor(2000)).toBe('file-too-large');
  });

  it('a restart renders the edited settings again and Prosody enforces them', async () => {
    const restarted = loadSettings({
      cwd: prosody.settings.dataDir,
      env: envOf(prosody.settings),
      envFile: '/nonexistent',
    });
    if (!restarted.ok) throw new Error(JSON.stringify(restarted.problems));
    expect(restarted.settings.upload).toEqual({ maxBytes: 1000, quotaBytes: 1024 ** 3, expiryDays: 7 });
    const again = renderConfig({
      ...restarted.settings,
      ports: prosody.settings.ports,
      tls: prosody.settings.tls,
      publicUrl: prosody.settings.publicUrl,
    });
    expect(again).toBe(readRenderedCopy(prosody.configPath));
    await client.stop();
    await writeFile(prosody.configPath, again);
    await prosody.restart();
    client = await login(prosody.settings, alice);
    expect(await slotFor(2000)).toBe('file-too-large');
  });
});
