// A real WebM with metadata in it. tagged.webm began as 0.44 s of VP8 (32x24,
// five frames) that Chromium 156's MediaRecorder recorded from a canvas
// (captureStream(10), 'video/webm;codecs=vp8', 20 kbit/s). With no ffmpeg or
// mkvtoolnix here, its tags were then written in by a one-off Node script, as
// other muxers write them: Info got a Title ("Jane Doe, wound") and a DateUTC
// (2026-11-30 08:00 UTC), taking their 29 bytes from the Void before Info (the
// SeekHead's Info position moved back by as much), and a Tags element with the
// SimpleTags TITLE ("Jane Doe, wound") and LOCATION ("+51.5072-000.1276/",
// ISO 6709 as ffmpeg writes it) was appended, the Segment's size grown by it.
// Chromium plays it, and the stripped copy, with the same five frames.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT } from './errors.ts';
import { isWebm, stripWebmMetadata } from './webm-meta.ts';

const video = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'tagged.webm')));
const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s, 'latin1'));
const hex = (b: Uint8Array, h: string) => Buffer.from(b).indexOf(Buffer.from(h, 'hex'));
const SECRETS = ['Jane Doe', '+51.5072-000.1276', 'LOCATION', 'TITLE'];
/** Title (7BA9), DateUTC (4461) and Tags (1254C367) as element headers in this file. */
const ELEMENTS = ['7ba98f', '446188', '1254c367'];

describe('WebM metadata (what Chromium records)', () => {
  it('the fixture really carries a name, a place and a date', () => {
    expect(isWebm(video)).toBe(true);
    for (const s of SECRETS) expect(has(video, s), s).toBe(true);
    for (const e of ELEMENTS) expect(hex(video, e), e).toBeGreaterThan(0);
  });

  it('drops them all and keeps every other byte where it was: the frames, the cues, the offsets to them', () => {
    const out = stripWebmMetadata(video);
    for (const s of SECRETS) expect(has(out, s), s).toBe(false);
    for (const e of ELEMENTS) expect(hex(out, e), e).toBe(-1);
    expect(out.length).toBe(video.length);
    // Only the three elements differ, each now a Void (0xEC) of the same length.
    const spans = ELEMENTS.map((e) => hex(video, e)).map((at, i) => [at, at + [18, 11, 75][i]!] as const);
    const changed = [...out.keys()].filter((i) => out[i] !== video[i]);
    expect(changed.filter((i) => !spans.some(([s, e]) => i >= s && i < e))).toEqual([]);
    for (const [s] of spans) expect(out[s]).toBe(0xec);
    // The program's name stays (MuxingApp and WritingApp are mandatory).
    expect(has(out, 'Chrome')).toBe(true);
  });

  it('reads a live recording whose Segment size is unknown (all ones) the same way', () => {
    const live = video.slice();
    live.set([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], hex(video, '18538067') + 4);
    const out = stripWebmMetadata(live);
    for (const s of SECRETS) expect(has(out, s), s).toBe(false);
  });

  it('refuses a truncated file with a text that says it was not sent', () => {
    const cut = video.slice(0, hex(video, '1549a966') + 10);
    expect(() => stripWebmMetadata(cut)).toThrow(TEXT.video);
  });
});
