// WebM metadata out of what Chromium records (and of any Matroska file,
// RFC 9559), as video-meta.ts does for MP4, without touching audio or video.
// The places that can say who, where or when: the Segment's Tags (SimpleTags
// such as TITLE, LOCATION, DATE_RECORDED), Attachments and Chapters, and in
// Info the Title and DateUTC, in a TrackEntry its Name. Each becomes a Void
// element of the same length, zeroed (RFC 9559 §5.1.6: "used to overwrite
// data or reserve space", which readers skip). Nothing is cut out, because
// the SeekHead and the Cues point into the Segment by offset. MuxingApp and
// WritingApp stay: they are mandatory (§5.1.2.1) and name only the program.
import { TEXT } from './errors.ts';

const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const VOID = 0xec;
/** The Segment's children: an unknown-sized Cluster (a live recording) ends where the next one starts (§6.2). */
const TOP_LEVEL = new Set([
  0x114d9b74,
  0x1549a966,
  0x1654ae6b,
  CLUSTER,
  0x1c53bb6b,
  0x1941a469,
  0x1043a770,
  0x1254c367,
]);
/** Tags, Attachments, Chapters; Info's Title and DateUTC; a TrackEntry's Name. */
const DROP = new Set([0x1254c367, 0x1941a469, 0x1043a770, 0x7ba9, 0x4461, 0x536e]);
/** Where those live: the Segment, Info, Tracks, TrackEntry. */
const DESCEND = new Set([SEGMENT, 0x1549a966, 0x1654ae6b, 0xae]);

export const isWebm = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3;

/** A variable-size integer (§4): its length, and its value (the marker bit kept for an ID, dropped for a size). */
function vint(
  b: Uint8Array,
  i: number,
  keepMarker: boolean,
  max: number,
): { len: number; value: number; unknown: boolean } {
  const first = b[i];
  if (first === undefined || first === 0) throw new Error(TEXT.video);
  const len = Math.clz32(first) - 23;
  if (len > max || i + len > b.length) throw new Error(TEXT.video);
  let value = keepMarker ? first : first & (0xff >> len);
  let ones = value === 0xff >> len;
  for (let k = 1; k < len; k++) {
    value = value * 256 + b[i + k]!;
    ones &&= b[i + k] === 0xff;
  }
  return { len, value, unknown: !keepMarker && ones };
}

interface Element {
  readonly id: number;
  readonly at: number;
  readonly data: number;
  /** Where it ends; for an unknown size, undefined (known from what follows). */
  readonly end: number | undefined;
}

function element(b: Uint8Array, i: number): Element {
  const id = vint(b, i, true, 4);
  const size = vint(b, i + id.len, false, 8);
  const data = i + id.len + size.len;
  return { id: id.value, at: i, data, end: size.unknown ? undefined : data + size.value };
}

/** Where an unknown-sized Cluster ends: at the next Segment child, or at `end`. */
function clusterEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const e = element(b, i);
    if (TOP_LEVEL.has(e.id)) return i;
    if (e.end === undefined || e.end > end) throw new Error(TEXT.video);
    i = e.end;
  }
  return end;
}

/** Overwrites the element [at, end) with a zeroed Void of the same length. */
function toVoid(b: Uint8Array, e: Element, end: number): void {
  const sizeLen = Math.min(e.data - e.at - 1, 8);
  const size = end - e.at - 1 - sizeLen;
  b.fill(0, e.at, end);
  b[e.at] = VOID;
  let v = size;
  for (let k = sizeLen; k >= 1; k--) {
    b[e.at + k] = v % 256;
    v = Math.floor(v / 256);
  }
  b[e.at + 1] = b[e.at + 1]! | (0x80 >> (sizeLen - 1));
}

function clean(b: Uint8Array, start: number, end: number): void {
  let i = start;
  while (i < end) {
    const e = element(b, i);
    const stop = e.end ?? (e.id === SEGMENT ? end : e.id === CLUSTER ? clusterEnd(b, e.data, end) : Number.NaN);
    if (!(stop <= end)) throw new Error(TEXT.video);
    if (DROP.has(e.id)) toVoid(b, e, stop);
    else if (DESCEND.has(e.id)) clean(b, e.data, stop);
    i = stop;
  }
}

/** A copy of the WebM file without titles, tags, dates and attachments. Throws (the user's text) on a malformed one. */
export function stripWebmMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> {
  if (!isWebm(b)) throw new Error('not a WebM file');
  const out = b.slice();
  clean(out, 0, out.length);
  return out;
}
