// Serves the built app: files under dist with their types, and index.html for
// any other navigation (the SPA's routes). Nothing outside dist is reachable.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  /** True when index.html answers a route that is not a file. */
  readonly fallback: boolean;
}

async function fileAt(path: string): Promise<Buffer | undefined> {
  try {
    return (await stat(path)).isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file for a URL path, index.html for an app route, or undefined (404). `navigation`: the browser
 * is loading a page there (isNavigation), so any path that is not a file is an app route.
 */
export async function resolveStatic(
  distDir: string,
  urlPath: string,
  navigation = false,
): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(distDir, decoded));
  if (full !== distDir && !full.startsWith(distDir + sep)) return undefined; // ../ escapes
  const rel = decoded === '/' ? '/index.html' : decoded;
  const body = await fileAt(rel === decoded ? full : join(distDir, 'index.html'));
  if (body) return { body, type: TYPES[extname(rel)] ?? 'application/octet-stream', fallback: false };
  // A missing asset stays a 404 (not HTML for a script). A page loaded by the browser is an app route even
  // when its last part looks like a file's name: an address such as /admin/account/nurse@h.example (a reload,
  // a bookmark, before the service worker answers navigations).
  if (!navigation && extname(decoded) !== '') return undefined;
  const index = await fileAt(join(distDir, 'index.html'));
  return index && { body: index, type: TYPES['.html']!, fallback: true };
}

/**
 * The browser is loading a page (a link, a reload, a bookmark), not fetching an asset: Fetch Metadata's
 * Sec-Fetch-Mode, or for a browser that does not send it, an Accept that asks for HTML.
 * https://www.w3.org/TR/fetch-metadata/#sec-fetch-mode-header
 */
export const isNavigation = (headers: IncomingHttpHeaders) =>
  headers['sec-fetch-mode'] === 'navigate' || (!headers['sec-fetch-mode'] && !!headers.accept?.includes('text/html'));
