// What leaves the device for a picked file. Photos lose their metadata (EXIF
// with GPS, XMP, comments): a JPEG the right way up is stripped without
// re-encoding (jpeg-meta.ts); one that needs turning, another image type, or
// a photo the user wants smaller is drawn on a canvas and encoded afresh,
// which keeps pixels only. MP4 and QuickTime videos (what phones record) and
// WebM (what Chromium records: videos, voice messages) lose theirs too,
// without re-encoding (video-meta.ts, webm-meta.ts); other files go as they are.
import { extensionFor } from './file-types.ts';
import { isJpeg, jpegOrientation, stripJpegMetadata } from './jpeg-meta.ts';
import { isIsoMedia, stripVideoMetadata } from './video-meta.ts';
import { isWebm, stripWebmMetadata } from './webm-meta.ts';

/** The longest side of a photo sent smaller (px): enough to read a chart or see a wound. */
export const SMALLER_SIDE = 1600;

export interface Prepared {
  readonly blob: Blob;
  /** The name in the upload URL: a generic one, since the server sees it (no patient names in file names). */
  readonly name: string;
}

export async function prepare(file: File, opts: { smaller: boolean }): Promise<Prepared> {
  if (file.type.startsWith('image/')) return { blob: await preparePhoto(file, opts.smaller), name: 'photo.jpg' };
  if (file.type.startsWith('video/'))
    return { blob: await withoutMediaMetadata(file), name: `video.${extensionFor(file.type, file.name)}` };
  if (file.type.startsWith('audio/'))
    return { blob: await withoutMediaMetadata(file), name: `file.${extensionFor(file.type, file.name)}` };
  return { blob: file, name: `file.${extensionFor(file.type, file.name)}` };
}

async function preparePhoto(file: File, smaller: boolean): Promise<Blob> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!smaller && isJpeg(bytes) && jpegOrientation(bytes) === 1)
    return new Blob([stripJpegMetadata(bytes)], { type: 'image/jpeg' });
  return reencode(file, smaller ? SMALLER_SIDE : Infinity);
}

/** A video or a sound (a picked file, a recorded voice message) without its metadata; another container as it is. */
export async function withoutMediaMetadata(media: Blob): Promise<Blob> {
  const bytes = new Uint8Array(await media.arrayBuffer());
  if (isIsoMedia(bytes)) return new Blob([stripVideoMetadata(bytes)], { type: media.type });
  if (isWebm(bytes)) return new Blob([stripWebmMetadata(bytes)], { type: media.type });
  return media;
}

async function reencode(file: Blob, maxSide: number): Promise<Blob> {
  // createImageBitmap applies the EXIF orientation (imageOrientation 'from-image').
  const bmp = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bmp.width, bmp.height));
  const w = Math.max(1, Math.round(bmp.width * scale));
  const h = Math.max(1, Math.round(bmp.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d')!.drawImage(bmp, 0, 0, w, h);
  bmp.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}
