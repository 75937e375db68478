// What an attachment is, from the extension of its name (XEP-0454 carries no
// type: receivers go by the file name in the link). Only types a browser
// shows inline are named; anything else is offered as a download.

export type MediaClass = 'image' | 'video' | 'audio' | 'file';

const TYPES: Readonly<Record<string, readonly [MediaClass, string]>> = {
  jpg: ['image', 'image/jpeg'],
  jpeg: ['image', 'image/jpeg'],
  png: ['image', 'image/png'],
  gif: ['image', 'image/gif'],
  webp: ['image', 'image/webp'],
  mp4: ['video', 'video/mp4'],
  m4v: ['video', 'video/mp4'],
  mov: ['video', 'video/quicktime'],
  webm: ['video', 'video/webm'],
  // Bleep's voice messages (MediaRecorder's audio/webm in Chromium).
  weba: ['audio', 'audio/webm'],
  ogg: ['audio', 'audio/ogg'],
  oga: ['audio', 'audio/ogg'],
  opus: ['audio', 'audio/ogg'],
  m4a: ['audio', 'audio/mp4'],
  mp3: ['audio', 'audio/mpeg'],
  aac: ['audio', 'audio/aac'],
  wav: ['audio', 'audio/wav'],
};

export interface FileType {
  readonly cls: MediaClass;
  /**
   * The type the decrypted blob is given. Files are opaque bytes, never
   * text/html or SVG: a blob: URL opened in a tab runs on the app's origin.
   */
  readonly mime: string;
}

export function fileType(name: string): FileType {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const t = TYPES[ext];
  return t ? { cls: t[0], mime: t[1] } : { cls: 'file', mime: 'application/octet-stream' };
}

/** The extension for an upload of `mime` (a video or file the user picked keeps its own when it has one). */
export function extensionFor(mime: string, name = ''): string {
  const own = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  if (own) return own;
  const hit = Object.entries(TYPES).find(([, [, m]]) => mime.split(';')[0] === m);
  return hit?.[0] ?? 'bin';
}

/** The word a chat list or notification shows for an attachment. */
export const CLASS_WORD: Readonly<Record<MediaClass, string>> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Voice message',
  file: 'File',
};
