// Build step (vite.config.ts): the Signal library and its curve code write to
// the console, session objects included ("no chain found for key", with the
// session). Production builds drop every console call from those packages, so
// no key material reaches the console or a log; dev builds keep them.
import type { Plugin } from 'vite';

const CRYPTO = /node_modules\/@privacyresearch\//;
const CALL = /\bconsole\.(?:log|warn|info|debug|error|trace)\(/g;

export function stripConsole(code: string): string {
  return code.replace(CALL, '(() => {})(');
}

export function quietCryptoLogs(): Plugin {
  return {
    name: 'bleep-quiet-crypto-logs',
    apply: 'build',
    enforce: 'pre',
    transform: (code, id) => (CRYPTO.test(id) ? { code: stripConsole(code), map: null } : undefined),
  };
}
