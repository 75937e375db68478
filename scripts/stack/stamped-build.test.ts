// A stand-in build (a small Node script counting its runs) in a temporary folder: the stamp, the lock and the
// staleness rule are what is tested here; the real one (vite) takes minutes on two cores.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, isStale, type StampedBuild } from './stamped-build.ts';

// Writes index.html first and sw.js last, as vite does; CUT=1 kills itself in between.
const BUILD_SCRIPT = `
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
appendFileSync('runs', 'x');
mkdirSync('out', { recursive: true });
writeFileSync('out/index.html', '<p>app</p>');
if (process.env.CUT === '1') process.kill(process.pid, 'SIGKILL');
await new Promise((r) => setTimeout(r, Number(process.env.SLEEP ?? 0)));
writeFileSync('out/sw.js', 'sw');
`;

let dir: string;
let build: StampedBuild;
const runs = () => (existsSync(join(dir, 'runs')) ? readFileSync(join(dir, 'runs'), 'utf8').length : 0);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bleep-stamped-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.ts'), 'export {};');
  writeFileSync(join(dir, 'build.mjs'), BUILD_SCRIPT);
  build = {
    name: 'the test app',
    sources: [join(dir, 'src')],
    outDir: join(dir, 'out'),
    lock: join(dir, 'out.lock'),
    command: [process.execPath, 'build.mjs'],
    cwd: dir,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a stamped build', () => {
  it('builds once, then not again until a source changes', () => {
    ensureBuilt(build);
    ensureBuilt(build);
    expect(runs()).toBe(1);
    expect(isStale(build)).toBe(false);
    const later = Date.now() / 1000 + 5;
    utimesSync(join(dir, 'src', 'app.ts'), later, later);
    expect(isStale(build)).toBe(true);
    ensureBuilt(build);
    expect(runs()).toBe(2);
  });

  it('builds again after a build cut off halfway (index.html there, no stamp)', () => {
    expect(() => ensureBuilt({ ...build, env: { CUT: '1' } })).toThrow(/build of the test app failed/);
    expect(existsSync(join(dir, 'out', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'sw.js'))).toBe(false);
    expect(isStale(build)).toBe(true);
    ensureBuilt(build);
    expect(runs()).toBe(2);
    expect(existsSync(join(dir, 'out', 'sw.js'))).toBe(true);
    expect(isStale(build)).toBe(false);
  });

  it('a finished build whose rebuild is cut off counts as stale, not as the old build', () => {
    ensureBuilt(build);
    const later = Date.now() / 1000 + 5;
    utimesSync(join(dir, 'src', 'app.ts'), later, later);
    expect(() => ensureBuilt({ ...build, env: { CUT: '1' } })).toThrow();
    // Undo the edit: the sources are as the first build had them, but that build's output is gone.
    utimesSync(join(dir, 'src', 'app.ts'), 1, 1);
    expect(isStale(build)).toBe(true);
  });

  it('two processes at once build once', async () => {
    const runner = join(dir, 'ensure.mjs');
    const module = new URL('./stamped-build.ts', import.meta.url).href;
    writeFileSync(runner, `import { ensureBuilt } from '${module}';\nensureBuilt(JSON.parse(process.argv[2]));\n`);
    const slow = JSON.stringify({ ...build, env: { SLEEP: '1500' } });
    const exits = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<number | null>((resolve) =>
            spawn(process.execPath, [runner, slow], { stdio: 'inherit' }).on('exit', resolve),
          ),
      ),
    );
    expect(exits).toEqual([0, 0]);
    expect(runs()).toBe(1);
    expect(existsSync(join(dir, 'out', 'sw.js'))).toBe(true);
  });
});
