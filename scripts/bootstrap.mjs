#!/usr/bin/env node
// Runs before `npm start` and `npm test` (prestart/pretest), on whatever Node
// the machine has (Debian's may be 20), so it is plain JavaScript. It makes a
// fresh clone runnable with one command: it installs the npm dependencies
// (which bring the pinned Node 24, see DEVELOPERS.md) when they are missing or
// stale. Debian packages (Prosody, its Lua drivers) are ensured by the runner,
// where they are used; for tests it installs Chromium, Profanity and tmux when
// missing (as root; otherwise it fails early with the exact command).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'node_modules', '.bleep-lock-hash');
const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd, args) {
  console.warn(`bleep: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.warn('bleep: installing npm dependencies (first run or package-lock.json changed)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, lockHash);
}

// The tests drive Debian's Chromium, and Profanity inside tmux as another client (prosody/src/profanity.int.test.ts).
const TEST_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['profanity', '/usr/bin/profanity'],
  ['tmux', '/usr/bin/tmux'],
];
const missing = process.argv.includes('--test')
  ? TEST_PACKAGES.filter(([, bin]) => !existsSync(bin)).map(([p]) => p)
  : [];
if (missing.length) {
  const cmd = ['apt-get', 'install', '-y', ...missing];
  if (!isRoot) {
    console.error(
      `bleep: the tests need Debian's ${missing.join(', ')}. Install with:\n  sudo apt-get update && sudo ${cmd.join(' ')}`,
    );
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run(cmd[0], cmd.slice(1));
}
