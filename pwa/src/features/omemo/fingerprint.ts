// A device's fingerprint as OMEMO clients show it (Conversations, Dino,
// Gajim): the identity key's 32 bytes (without the 0x05 type byte) in hex, in
// groups of eight, so two people can compare it aloud or by QR code.
export function fingerprint(identityKey: Uint8Array): string {
  const key = identityKey.length === 33 ? identityKey.subarray(1) : identityKey;
  const hex = [...key].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{1,8}/g)!.join(' ');
}
