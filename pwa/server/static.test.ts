import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNavigation, resolveStatic } from './static.ts';

const root = mkdtempSync(join(tmpdir(), 'bleep-static-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<div id="app"></div>');
writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
writeFileSync(join(root, 'secret.txt'), 'not for the web');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static files', () => {
  it('serves files with their types, and / as index.html', async () => {
    expect((await resolveStatic(dist, '/assets/app.js'))?.type).toBe('text/javascript; charset=utf-8');
    expect((await resolveStatic(dist, '/manifest.webmanifest'))?.type).toBe('application/manifest+json');
    expect((await resolveStatic(dist, '/'))?.body.toString()).toContain('id="app"');
  });

  it("answers the app's routes with index.html, but a missing asset with 404", async () => {
    expect(await resolveStatic(dist, '/chats/dana')).toMatchObject({
      fallback: true,
      type: 'text/html; charset=utf-8',
    });
    expect(await resolveStatic(dist, '/assets/missing.js')).toBeUndefined();
  });

  it('answers a page the browser loads with index.html, also where the address ends like a file name', async () => {
    // A reload of an account's page: the JID's domain looks like an extension.
    expect(await resolveStatic(dist, '/admin/account/nurse@h.example', true)).toMatchObject({ fallback: true });
    expect(await resolveStatic(dist, '/chat/dana@h.example', true)).toMatchObject({ fallback: true });
    expect(await resolveStatic(dist, '/chat/dana@h.example', false)).toBeUndefined();
    expect(await resolveStatic(dist, '/../secret.txt', true)).toBeUndefined();
  });

  it('tells a page load from an asset fetch by what the browser says', () => {
    expect(isNavigation({ 'sec-fetch-mode': 'navigate', accept: 'text/html' })).toBe(true);
    expect(isNavigation({ 'sec-fetch-mode': 'no-cors', accept: '*/*' })).toBe(false);
    // A script asks with Accept */*, a fetch() with what it likes: only a page asks for HTML.
    expect(isNavigation({ 'sec-fetch-mode': 'cors', accept: 'text/html' })).toBe(false);
    expect(isNavigation({ accept: 'text/html,application/xhtml+xml' })).toBe(true);
    expect(isNavigation({ accept: '*/*' })).toBe(false);
  });

  it('never serves a file outside dist', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%00', '/%E0%A4%A'])
      expect(await resolveStatic(dist, p), p).toBeUndefined();
  });
});
