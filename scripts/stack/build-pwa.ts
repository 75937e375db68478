// Builds the PWA when pwa/dist is missing or older than its sources, so that
// `npm start` and the e2e tests always serve what the code says. Shows the
// build's own progress (it takes a while on two cores).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pwa = join(root, 'pwa');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

export function pwaIsStale(): boolean {
  const built = join(pwa, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sourceTime = Math.max(...SOURCES.map((s) => newest(join(pwa, s))), newest(join(root, 'protocol', 'src')));
  return sourceTime > statSync(built).mtimeMs;
}

export function ensurePwaBuilt(progress: (line: string) => void = () => {}): void {
  if (!pwaIsStale()) return;
  progress('building the web app (vite build)');
  // NODE_ENV=production even under vitest (which sets it to 'test'): otherwise Vue
  // and Workbox build in development mode, twice the size, and tests check the wrong app.
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--mode', 'production'], {
    cwd: pwa,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('The web app did not build; see the vite output above.');
}
