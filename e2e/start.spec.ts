// `npm start` as a hospital IT person runs it: prints the URL and the demo
// accounts, serves the app, and Ctrl-C stops everything within seconds (no
// Prosody left).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'bleep-start-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function waitFor(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        done(out);
      }
    });
    proc.once('exit', (code) => fail(new Error(`exited with ${code}:\n${out}`)));
  });
}

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    request(url, { ca, servername: new URL(url).hostname }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });
}

/** Prosody processes whose config lives in our data folder. */
const prosodyPids = () =>
  spawnSync('pgrep', ['-f', `prosody.*${dataDir}`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .filter(Boolean);

it('prints the URL and five demo accounts, serves the app, and stops everything on Ctrl-C within 5 s', async () => {
  child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, BLEEP_DATA_DIR: dataDir, BLEEP_WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // its own process group, as in a terminal, where Ctrl-C signals the whole group
  });
  const out = await waitFor(child, /Press Ctrl-C to stop/, 150_000);
  const url = /Bleep is running: (https:\/\/\S+)/.exec(out)![1]!;
  for (const user of ['admin', 'dispatcher', 'doctor1', 'doctor2', 'nurse'])
    expect(out).toMatch(new RegExp(`${user}@bleep\\.localhost\\s+\\S{12,}\\s+\\S`));
  const passwords = JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as Record<string, string>;
  expect(out).toContain(passwords.dispatcher);

  const ca = readFileSync(join(dataDir, 'tls', 'bleep.localhost.crt'), 'utf8');
  // Chromium resolves *.localhost to loopback by itself; Node's resolver may not.
  const target = new URL(url);
  target.hostname = '127.0.0.1';
  const page = await get(target.href, ca);
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="app"');
  expect(prosodyPids().length).toBe(1);

  const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  const sent = performance.now();
  process.kill(-child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the foreground process group
  expect(await exited).toBe(0);
  // About 0.4 s on the 2-core machine (15 s when the component waited for Prosody's </stream>).
  expect(performance.now() - sent).toBeLessThan(5_000);
  expect(prosodyPids()).toEqual([]);
}, 180_000);
