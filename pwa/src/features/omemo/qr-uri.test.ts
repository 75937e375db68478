import encodeQR, { Bitmap } from '@paulmillr/qr';
import decodeQR from '@paulmillr/qr/decode.js';
import { describe, expect, it } from 'vitest';
import { parseVerificationUri, verificationUri } from './qr-uri.ts';

// As fingerprint.ts shows it: 64 hex digits in groups of eight.
const FP = 'a1b2c3d4 e5f60718 293a4b5c 6d7e8f90 a1b2c3d4 e5f60718 293a4b5c 6d7e8f90';

describe("a device's verification code", () => {
  it('names the account and each device with its fingerprint, as Conversations writes it', () => {
    const uri = verificationUri({ jid: 'amara@hospital.example', devices: [{ id: 1234, fingerprint: FP }] });
    expect(uri).toBe(`xmpp:amara@hospital.example?omemo-sid-1234=${FP.replace(/ /g, '')}`);
    expect(parseVerificationUri(uri)).toEqual({
      jid: 'amara@hospital.example',
      devices: [{ id: 1234, fingerprint: FP.replace(/ /g, '') }],
    });
  });

  it("reads Conversations' code with two devices and an action, and refuses what is not such a code", () => {
    const hex = 'ab'.repeat(32);
    const code = parseVerificationUri(
      `xmpp:Dana@Hospital.example?message;omemo-sid-7=${hex};omemo-sid-99=${'cd'.repeat(32)}`,
    );
    expect(code).toEqual({
      jid: 'dana@hospital.example',
      devices: [
        { id: 7, fingerprint: hex },
        { id: 99, fingerprint: 'cd'.repeat(32) },
      ],
    });
    for (const bad of [
      'https://evil.example/?omemo-sid-1=' + hex,
      'xmpp:dana@hospital.example',
      `xmpp:dana@hospital.example?omemo-sid-1=${'ab'.repeat(31)}`,
      `xmpp:dana@hospital.example?omemo-sid-x=${hex}`,
      '<script>alert(1)</script>',
    ])
      expect(parseVerificationUri(bad)).toBeUndefined();
  });

  it('survives the trip through a QR code: drawn by the library the app uses, read back by its decoder', () => {
    const uri = verificationUri({ jid: 'amara@hospital.example', devices: [{ id: 2_000_000_001, fingerprint: FP }] });
    const modules = encodeQR(uri, 'raw', { scale: 4 });
    const bitmap = new Bitmap({ width: modules[0]!.length, height: modules.length });
    bitmap.data = modules;
    expect(parseVerificationUri(decodeQR(bitmap.toImage()))).toEqual(parseVerificationUri(uri));
  });
});
