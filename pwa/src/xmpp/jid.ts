/** The bare JID (RFC 7622 §3: localpart@domainpart, no resource), lower-cased for comparing. */
export const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();
