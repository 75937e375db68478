// Command-line arguments of prosody-config. node:util parseArgs does the work.
// Not `--env-file`: Node 24 takes that flag as its own even after the script
// name, and exits 9 when the file is missing.
import { parseArgs as parse } from 'node:util';

export const USAGE = `Usage: prosody-config <command> [options]

Reads the Bleep settings from .env in the current folder and the BLEEP_*
environment variables (which win), and works with Prosody's config.

Commands:
  render [--out FILE]   print prosody.cfg.lua (or write it to FILE, mode 0640)
  validate              list every problem with the settings; exit 1 if any
  check                 validate, render to a temp file and run
                        \`prosodyctl check config\` on it
  help, --help          show this text

Options:
  --settings FILE       read settings from FILE instead of ./.env
  --out FILE            (render) write the config to FILE

Examples:
  prosody-config validate
  prosody-config render --out /etc/prosody/prosody.cfg.lua && prosodyctl reload`;

export type Command = 'render' | 'validate' | 'check' | 'help';
export type Args = { ok: true; command: Command; out?: string; envFile?: string } | { ok: false; error: string };

const COMMANDS: readonly string[] = ['render', 'validate', 'check', 'help'];

export function parseArgs(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parse({
      args: [...argv],
      allowPositionals: true,
      options: { out: { type: 'string' }, settings: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, command: 'help' };
  if (positionals.length !== 1)
    return {
      ok: false,
      error:
        positionals.length === 0 ? 'Say which command to run.' : `One command at a time, got: ${positionals.join(' ')}`,
    };
  const command = positionals[0]!;
  if (!COMMANDS.includes(command)) return { ok: false, error: `Unknown command "${command}".` };
  if (values.out && command !== 'render') return { ok: false, error: '--out only goes with render.' };
  return {
    ok: true,
    command: command as Command,
    ...(values.out ? { out: values.out } : {}),
    ...(values.settings ? { envFile: values.settings } : {}),
  };
}
