// `npm start`: the demo on one machine. Prints the URL and the demo accounts;
// Ctrl-C (or SIGTERM) stops everything cleanly.
import { startStack } from './stack/index.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  say('Bleep: starting the demo…');
  const stack = await startStack({ onProgress: (l) => say(`  · ${l}`) });
  say('');
  say(`Bleep is running: ${stack.url}`);
  say('(self-signed certificate: your browser will ask you to accept it once)');
  say('');
  say('Demo accounts:');
  for (const a of stack.accounts)
    say(`  ${a.jid.padEnd(28)} ${a.password.padEnd(18)} ${a.name} (${a.roles.join(', ')})`);
  say('');
  say('Press Ctrl-C to stop.');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping Bleep…`);
    stack.stop().then(
      () => {
        say('stopped.');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('bleep: error while stopping:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`\nbleep: could not start.\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
