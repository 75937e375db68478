// PWA weight: the gzipped JavaScript that loads before the chat list is
// usable, i.e. every script index.html loads (entry and modulepreloads), beside
// the same figure for converse.js (npm package) as the peer: its entry bundle,
// without the chunks it loads later (OMEMO, emoji).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './results.ts';

const ROOT = join(import.meta.dirname, '..');

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

export function initialScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  return [...new Set(srcs.map((m) => m[1]!))].map((s) => join(distDir, s.replace(/^\//, '')));
}

export async function pwaWeight(): Promise<BenchResult[]> {
  const dist = join(ROOT, 'pwa', 'dist');
  const scripts = initialScripts(dist);
  const bleep = scripts.reduce((sum, f) => sum + gz(f), 0);
  const converse = gz(join(ROOT, 'node_modules', 'converse.js', 'dist', 'converse.min.js'));
  return [
    {
      name: 'pwa-weight',
      metric: 'initial JS (gzip)',
      value: bleep,
      unit: 'KB',
      baseline: converse,
      ratio: bleep / converse,
      target: 200,
      targetKind: 'absolute',
      n: scripts.length,
    },
  ];
}
