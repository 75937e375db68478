// What a device's verification QR code says: an XMPP URI (XEP-0147) naming
// the account, with one `omemo-sid-<device id>=<fingerprint>` parameter per
// device, the form Conversations shows and scans
// (https://github.com/iNPUTmice/Conversations, XmppUri.java; ';' separates
// parameters). Fingerprints are the 64 hex digits fingerprint.ts groups.

export interface CodeDevice {
  readonly id: number;
  /** 64 hex digits, lower case, no spaces. */
  readonly fingerprint: string;
}

export interface VerificationCode {
  readonly jid: string;
  readonly devices: readonly CodeDevice[];
}

/** The fingerprint as compared: hex without the spaces fingerprint.ts puts in. */
export const plainFingerprint = (fp: string) => fp.replace(/\s+/g, '').toLowerCase();

export function verificationUri(code: VerificationCode): string {
  const params = code.devices.map((d) => `omemo-sid-${d.id}=${plainFingerprint(d.fingerprint)}`);
  return `xmpp:${code.jid}${params.length ? `?${params.join(';')}` : ''}`;
}

const PARAM = /^omemo-sid-(\d{1,10})=([0-9a-f]{64})$/i;

/** The account and devices a scanned text names, or undefined when it is not such a code. */
export function parseVerificationUri(text: string): VerificationCode | undefined {
  const m = /^xmpp:([^?\s/]+@[^?\s/]+)\?(.+)$/i.exec(text.trim());
  if (!m) return undefined;
  const devices: CodeDevice[] = [];
  // Other parameters (an action such as "message", Conversations' "ibb") are not ours: skipped.
  for (const p of m[2]!.split(/[;&]/)) {
    const d = PARAM.exec(p);
    if (d) devices.push({ id: Number(d[1]), fingerprint: d[2]!.toLowerCase() });
  }
  return devices.length ? { jid: decodeURIComponent(m[1]!).toLowerCase(), devices } : undefined;
}
