// Lets Node clients in tests verify Prosody's self-signed certificate instead
// of switching verification off. @xmpp/client's STARTTLS takes no `ca` option
// (it calls tls.connect({ socket, host })), so the certificate is added to
// this process's default CA list (Node >= 23.8: tls.setDefaultCACertificates).
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

const trusted = new Set<string>();

export function trustCertificate(certPath: string): void {
  const pem = readFileSync(certPath, 'utf8');
  if (trusted.has(pem)) return;
  trusted.add(pem);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted]);
}
