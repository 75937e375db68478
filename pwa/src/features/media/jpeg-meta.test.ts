// A real JPEG (Node.js's docs' thin-white-stripe.jpg, a progressive JPEG) with
// an EXIF block holding GPS tags (51°30'26"N 0°7'40"W), XMP with the same
// position and a comment naming a patient, added as a phone camera writes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJpeg, jpegOrientation, stripJpegMetadata } from './jpeg-meta.ts';

const photo = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'gps.jpg')));
const has = (b: Uint8Array, s: string | number[]) =>
  Buffer.from(b).includes(typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));
// The GPS IFD pointer tag (0x8825) and the latitude's seconds (2634/100) as stored, big-endian.
const GPS_POINTER = [0x88, 0x25, 0x00, 0x04];
const LATITUDE_SECONDS = [0, 0, 0x0a, 0x4a, 0, 0, 0, 0x64];

describe('photo metadata', () => {
  it('the fixture really carries GPS, XMP and a comment', () => {
    for (const s of ['Exif\0\0', 'GPSLatitude', 'Jane Doe', GPS_POINTER, LATITUDE_SECONDS])
      expect(has(photo, s)).toBe(true);
  });

  it('strips EXIF with its GPS tags, XMP and comments, and keeps the image data byte for byte', () => {
    const out = stripJpegMetadata(photo);
    for (const s of ['Exif', 'GPS', 'xmpmeta', 'Jane Doe', 'BleepCam', GPS_POINTER, LATITUDE_SECONDS])
      expect(has(out, s), String(s)).toBe(false);
    expect(isJpeg(out)).toBe(true);
    expect(has(out, 'JFIF\0')).toBe(true);
    // Everything from the quantisation tables on (DQT, SOF, DHT, the scans) is unchanged.
    const dqt = (b: Uint8Array) => Buffer.from(b).indexOf(Buffer.from([0xff, 0xdb]));
    expect(Buffer.from(out.subarray(dqt(out))).equals(Buffer.from(photo.subarray(dqt(photo))))).toBe(true);
    expect(stripJpegMetadata(out)).toEqual(out);
  });

  it('reads the orientation the camera wrote', () => {
    expect(jpegOrientation(photo)).toBe(1);
    const turned = Uint8Array.from(photo);
    // The orientation entry of IFD0 (tag 0x0112, SHORT) set to 6: turned 90°.
    const at = Buffer.from(turned).indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 1]));
    turned[at + 9] = 6;
    expect(jpegOrientation(turned)).toBe(6);
  });

  it('refuses what is not a JPEG, and a truncated one', () => {
    expect(() => stripJpegMetadata(new TextEncoder().encode('GIF89a'))).toThrow(/not a JPEG/);
    expect(() => stripJpegMetadata(photo.subarray(0, 40))).toThrow(/truncated/);
  });
});
