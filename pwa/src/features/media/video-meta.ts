// Video metadata out of an MP4 or QuickTime file (ISO/IEC 14496-12 boxes), as
// jpeg-meta.ts does for photos, without touching the audio or video. Phones
// keep where a video was made in the movie's user data: `udta` holds `©xyz`
// (ISO 6709, Android and QuickTime), a `meta` box holds Apple's
// `com.apple.quicktime.location.ISO6709` and the camera model; XMP comes in
// `uuid` boxes. Each of those becomes a `free` box of the same size, zeroed
// (§8.1.2: free space, which players skip), and the creation and modification
// times in `mvhd`, `tkhd` and `mdhd` become 0 (§8.2.2: "unknown"). Nothing is
// cut out, because the sample tables (`stco`, `co64`) point into `mdat` by
// offset from the file's start, and `moov` often comes first. Hand-written
// like jpeg-meta.ts: the box layout is small and fixed. WebM (what Chromium
// records) has its own: webm-meta.ts.

import { TEXT } from './errors.ts';

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf']);
const METADATA = new Set(['udta', 'meta', 'uuid']);
/** Boxes whose version 0 or 1 layout starts with creation_time and modification_time. */
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd']);
/** A file starts with one of these (`ftyp`, or an old QuickTime file's first atom). */
const FIRST = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide']);

const typeAt = (b: Uint8Array, i: number) => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);

export const isIsoMedia = (b: Uint8Array) => b.length >= 8 && FIRST.has(typeAt(b, 4));

/** The boxes in [start, end): type, where its content starts, and its end. */
function* boxes(b: Uint8Array, start: number, end: number) {
  const d = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = start;
  while (i + 8 <= end) {
    let size = d.getUint32(i);
    let header = 8;
    if (size === 1) {
      if (i + 16 > end) throw new Error(TEXT.video);
      size = Number(d.getBigUint64(i + 8));
      header = 16;
    } else if (size === 0) size = end - i; // the last box, to the end of the file
    if (size < header || i + size > end) throw new Error(TEXT.video);
    yield { type: typeAt(b, i + 4), at: i, content: i + header, end: i + size };
    i += size;
  }
}

function clean(b: Uint8Array, start: number, end: number): void {
  for (const box of boxes(b, start, end)) {
    if (METADATA.has(box.type)) {
      b.set([0x66, 0x72, 0x65, 0x65], box.at + 4); // "free"
      b.fill(0, box.content, box.end);
    } else if (TIMED.has(box.type) && box.content + 4 <= box.end) {
      // version (1 byte) and flags (3), then both times: 4 bytes each in version 0, 8 in version 1.
      const width = b[box.content] === 1 ? 16 : 8;
      b.fill(0, box.content + 4, Math.min(box.end, box.content + 4 + width));
    } else if (CONTAINERS.has(box.type)) clean(b, box.content, box.end);
  }
}

/** A copy of the MP4/QuickTime file without location, camera and time metadata. Throws (the user's text) on a malformed one. */
export function stripVideoMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!isIsoMedia(b)) throw new Error('not an MP4 or QuickTime file');
  const out = b.slice();
  clean(out, 0, out.length);
  return out;
}
