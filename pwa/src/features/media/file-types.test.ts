import { describe, expect, it } from 'vitest';
import { extensionFor, fileType } from './file-types.ts';

describe('attachment types', () => {
  it('shows photos, videos and voice inline by extension', () => {
    expect(fileType('photo.JPG')).toEqual({ cls: 'image', mime: 'image/jpeg' });
    expect(fileType('clip.webm').cls).toBe('video');
    expect(fileType('voice-message.weba')).toEqual({ cls: 'audio', mime: 'audio/webm' });
  });

  it('never gives a blob a type a browser would run (html, svg) or guess at', () => {
    for (const n of ['x.html', 'x.svg', 'x.xhtml', 'x', 'x.pdf', 'x.jpg.html'])
      expect(fileType(n)).toEqual({ cls: 'file', mime: 'application/octet-stream' });
  });

  it('names uploads by type, keeping a picked file its extension', () => {
    expect(extensionFor('audio/webm;codecs=opus')).toBe('weba');
    expect(extensionFor('image/jpeg')).toBe('jpg');
    expect(extensionFor('video/mp4', 'Ward round.MP4')).toBe('mp4');
    expect(extensionFor('application/x-thing')).toBe('bin');
  });
});
