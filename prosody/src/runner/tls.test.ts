// Uses the real openssl binary (fast, no server).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSelfSigned } from './tls.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bleep-tls-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ensureSelfSigned', () => {
  it('makes an EC P-256 certificate valid for the domain and every Bleep subdomain', async () => {
    const { cert, key, made } = await ensureSelfSigned('bleep.localhost', dir);
    expect(made).toBe(true);
    const x = new X509Certificate(readFileSync(cert));
    for (const host of [
      'bleep.localhost',
      'conference.bleep.localhost',
      'share.bleep.localhost',
      'ops.bleep.localhost',
      'anything.bleep.localhost',
    ])
      expect(x.checkHost(host), host).toBeDefined();
    // Listed explicitly too: some XMPP clients ignore wildcards.
    for (const name of [
      'bleep.localhost',
      'conference.bleep.localhost',
      'share.bleep.localhost',
      'ops.bleep.localhost',
    ])
      expect(x.subjectAltName).toContain(`DNS:${name}`);
    expect(x.checkHost('bleep.example')).toBeUndefined();
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(execFileSync('openssl', ['pkey', '-in', key, '-noout', '-check'], { encoding: 'utf8' })).toMatch(/valid/i);
  });

  it('reuses a certificate that is still valid', async () => {
    const first = await ensureSelfSigned('bleep.localhost', dir);
    const before = (await stat(first.cert)).mtimeMs;
    const again = await ensureSelfSigned('bleep.localhost', dir);
    expect(again.made).toBe(false);
    expect((await stat(again.cert)).mtimeMs).toBe(before);
  });

  it('replaces a certificate that expires within a day', async () => {
    const sub = join(dir, 'expiring');
    const { cert, key } = await ensureSelfSigned('bleep.localhost', sub);
    // Overwrite with a one-day certificate: -checkend 86400 must reject it.
    execFileSync('openssl', ['req', '-x509', '-key', key, '-out', cert, '-days', '1', '-subj', '/CN=bleep.localhost'], {
      stdio: 'ignore',
    });
    expect((await ensureSelfSigned('bleep.localhost', sub)).made).toBe(true);
  });
});
