// Leaves no orphan Prosody behind. Two layers:
// 1. exit and signal handlers in this process stop the child (covers normal
//    exit, Ctrl-C, SIGTERM, uncaught exceptions that end the process); when
//    the process handles a signal itself, it stops the child in its own order;
// 2. a tiny `sh` watchdog polls this process's PID once a second and sends
//    SIGTERM to Prosody when it is gone (covers SIGKILL of the parent, which
//    no handler sees). Limit: up to ~1 s of orphan life; if the watchdog itself
//    is SIGKILLed along with the parent, nothing is left to clean up.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const live = new Set<number>();
let installed = false;

function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else handles the signal (`npm start` stops its stack in order:
  // the web server and its WebSocket clients first, Prosody last). Stopping
  // Prosody now would have it close live client sessions at shutdown, which
  // costs it a second or more; the 'exit' handler still stops what is left.
  if (process.listenerCount(signal) > 1) return;
  killAll();
  // Keep the default behaviour (exit); exit() rather than re-raising, so that
  // 'exit' handlers (temp dirs) run.
  process.exit(128 + constants.signals[signal]);
}

export function guard(pid: number): () => void {
  live.add(pid);
  if (!installed) {
    installed = true;
    process.on('exit', killAll);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; kill -0 ${process.pid} 2>/dev/null || kill -TERM ${pid} 2>/dev/null`;
  const dog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
  dog.unref();
  return () => {
    live.delete(pid);
    if (dog.pid !== undefined && dog.exitCode === null) dog.kill('SIGKILL');
  };
}
