// Two real videos made by ffmpeg 5.1 (Debian's), as phones write them: half a
// second of H.264, `moov` before `mdat` (so a cut would move the sample
// offsets), with a place (51.5072 N, 0.1276 W), a title naming a patient and
// a creation time. gps.mp4 carries them as an MP4 does (3GPP `loci` and an
// iTunes-style `meta` in `udta`; its muxer drops the camera); gps.mov as an
// iPhone does (`mdta` keys such as com.apple.quicktime.location.ISO6709 and
// the camera's make in `meta`).
//   ffmpeg -f lavfi -i testsrc=duration=0.5:size=64x48:rate=10 -c:v libx264 -preset ultrafast \
//     -pix_fmt yuv420p -metadata location=+51.5072-000.1276/ -metadata title='Jane Doe, wound' \
//     -metadata creation_time=2026-11-30T08:00:00Z -metadata make=BleepCam -movflags +faststart gps.mp4
//   (gps.mov: the same with -metadata com.apple.quicktime.location.ISO6709=… -metadata
//   com.apple.quicktime.make=BleepCam -movflags +faststart+use_metadata_tags -f mov)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT } from './errors.ts';
import { isIsoMedia, stripVideoMetadata } from './video-meta.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s, 'latin1'));
const at = (b: Uint8Array, type: string) => Buffer.from(b).indexOf(Buffer.from(type, 'latin1')) - 4;
/** mvhd's creation_time (version 0: 4 bytes after version and flags), seconds since 1904. */
const created = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getUint32(at(b, 'mvhd') + 12);
const NOV_30_2026 = Date.UTC(2026, 10, 30, 8) / 1000 + 2082844800;

describe.each([
  ['gps.mp4', ['loci', 'Jane Doe']],
  ['gps.mov', ['loci', '+51.5072-000.1276', 'com.apple.quicktime.location.ISO6709', 'Jane Doe', 'BleepCam']],
])('video metadata: %s', (name, secrets) => {
  const video = fixture(name);

  it('the fixture really carries the place, the camera, a name and the time', () => {
    expect(isIsoMedia(video)).toBe(true);
    for (const s of secrets) expect(has(video, s), s).toBe(true);
    expect(created(video)).toBe(NOV_30_2026);
  });

  it('drops them all, and keeps every other byte where it was (the media and the offsets to it)', () => {
    const out = stripVideoMetadata(video);
    for (const s of [...secrets, 'udta', 'mdta', 'ilst']) expect(has(out, s), s).toBe(false);
    expect(created(out)).toBe(0);
    expect(out.length).toBe(video.length);
    // Only the user data box (now free space) and the time fields differ.
    const udta = at(video, 'udta');
    const size = new DataView(video.buffer, video.byteOffset).getUint32(udta);
    const changed = [...out.keys()].filter((i) => out[i] !== video[i]);
    const times = [at(video, 'mvhd'), at(video, 'tkhd'), at(video, 'mdhd')].map((b) => [b + 12, b + 20]);
    const explained = (i: number) => (i >= udta && i < udta + size) || times.some(([s, e]) => i >= s! && i < e!);
    expect(changed.filter((i) => !explained(i))).toEqual([]);
    expect(Buffer.from(out.subarray(udta + 4, udta + 8)).toString()).toBe('free');
    expect(at(out, 'mdat')).toBe(at(video, 'mdat'));
  });

  it('refuses a truncated file with a text that says it was not sent', () => {
    const cut = video.slice(0, at(video, 'udta') + 20);
    expect(() => stripVideoMetadata(cut)).toThrow(TEXT.video);
  });
});

it('leaves what is not an MP4 or QuickTime file to the caller (a WebM goes to webm-meta.ts)', () => {
  const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
  expect(isIsoMedia(webm)).toBe(false);
  expect(() => stripVideoMetadata(webm)).toThrow();
});
