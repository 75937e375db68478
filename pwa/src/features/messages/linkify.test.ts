import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';

describe('linkify', () => {
  it('makes http(s) links clickable and keeps the rest as text', () => {
    expect(linkify('Lab results: https://lab.h.example/r?id=4. Call me.')).toEqual([
      { text: 'Lab results: ' },
      { text: 'https://lab.h.example/r?id=4', href: 'https://lab.h.example/r?id=4' },
      { text: '. Call me.' },
    ]);
  });

  it('never links javascript:, data: or markup, which stay plain text', () => {
    for (const payload of [
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">x</a>',
      '<script>alert(1)</script>',
      'data:text/html,<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
    ])
      expect(linkify(payload)).toEqual([{ text: payload }]);
  });

  it('does not let a quote or angle bracket end up inside a link', () => {
    const segs = linkify('see https://h.example/"onmouseover="alert(1) now');
    expect(segs.find((s) => s.href)?.href).toBe('https://h.example/');
  });
});
