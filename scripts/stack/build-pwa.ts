// Builds the PWA when pwa/dist holds no finished build of its current sources, so that
// `npm start` and the e2e tests always serve what the code says (stamped-build.ts: a stamp
// written last, a lock for two processes at once). Shows the build's own progress (it takes
// a while on two cores).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, type StampedBuild } from './stamped-build.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pwa = join(root, 'pwa');

const build: StampedBuild = {
  name: 'the web app (vite build)',
  sources: [
    ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((s) => join(pwa, s)),
    join(root, 'protocol', 'src'),
  ],
  outDir: join(pwa, 'dist'),
  lock: join(pwa, '.dist.lock'),
  command: [join(root, 'node_modules', '.bin', 'vite'), 'build', '--mode', 'production'],
  cwd: pwa,
  // NODE_ENV=production even under vitest (which sets it to 'test'): otherwise Vue
  // and Workbox build in development mode, twice the size, and tests check the wrong app.
  env: { NODE_ENV: 'production' },
};

export function ensurePwaBuilt(progress: (line: string) => void = () => {}): void {
  ensureBuilt(build, progress);
}
