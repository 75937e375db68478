// A self-signed certificate for the domain and its Bleep subdomains, made once
// with openssl and reused while it stays valid for at least a day.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
}

/** True if the certificate exists and is valid for one more day (`openssl x509 -checkend`). */
async function stillValid(cert: string): Promise<boolean> {
  if (!existsSync(cert)) return false;
  try {
    await run('openssl', ['x509', '-in', cert, '-noout', '-checkend', '86400']);
    return true;
  } catch {
    return false;
  }
}

/** Makes (or reuses) <dir>/<domain>.crt and .key, EC P-256, with SANs for every Bleep host. */
export async function ensureSelfSigned(domain: string, dir: string): Promise<TlsFiles & { made: boolean }> {
  const cert = join(dir, `${domain}.crt`);
  const key = join(dir, `${domain}.key`);
  if (existsSync(key) && (await stillValid(cert))) return { cert, key, made: false };
  await mkdir(dir, { recursive: true, mode: 0o750 });
  // Wildcards match one label only (RFC 6125 §6.4.3), and some clients ignore
  // them for XMPP, so the subdomains are listed explicitly as well.
  const names = [domain, `*.${domain}`, `conference.${domain}`, `share.${domain}`, `ops.${domain}`];
  const san = [...names.map((n) => `DNS:${n}`), 'IP:127.0.0.1', 'IP:::1'].join(',');
  await makeSelfSigned({ key, cert, cn: domain, san, days: 365, serverAuth: true });
  return { cert, key, made: true };
}

/**
 * One self-signed EC P-256 certificate, usable as its own authority (CA:TRUE), through openssl: the
 * runner's server certificate and the tests' local HTTPS endpoints alike. No SAN when `san` is empty.
 */
export async function makeSelfSigned(o: {
  key: string;
  cert: string;
  cn: string;
  san?: string;
  days: number;
  serverAuth?: boolean;
}): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    o.key,
    '-out',
    o.cert,
    '-days',
    String(o.days),
    '-subj',
    `/CN=${o.cn}`,
    ...(o.san ? ['-addext', `subjectAltName=${o.san}`] : []),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,digitalSignature,keyCertSign',
    ...(o.serverAuth ? ['-addext', 'extendedKeyUsage=serverAuth'] : []),
  ]);
}
