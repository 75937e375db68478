// Command-line arguments of prosody-config. node:util parseArgs does the work.
// Not `--env-file`: Node 24 takes that flag as its own even after the script
// name, and exits 9 when the file is missing.
import { parseArgs as parse } from 'node:util';
import type { HandEditPolicy } from '../apply/apply.ts';

export const USAGE = `Usage: prosody-config <command> [options]

Reads the Bleep settings from .env in the current folder and the BLEEP_*
environment variables (which win), and works with Prosody's config.

Commands:
  render [--out FILE]   print prosody.cfg.lua (or write it to FILE, mode 0640)
  validate              list every problem with the settings; exit 1 if any
  check                 validate, render to a temp file and run
                        \`prosodyctl check config\` on it
  settings show         the settings admins may change on a running server,
                        with their values and where each comes from
  settings diff KEY=VALUE...
                        check a change and print how prosody.cfg.lua would change
  settings apply KEY=VALUE...
                        check it, write the config, \`prosodyctl check config\`,
                        reload Prosody (nobody is signed out); roll back if the
                        check or the reload fails. KEY= (empty) goes back to .env
  help, --help          show this text

Options:
  --settings FILE       read settings from FILE instead of ./.env
  --out FILE            (render) write the config to FILE
  --config FILE         (settings) the config Prosody runs with
                        (default: prosody.cfg.lua in the data dir)
  --keep-hand-edits     (settings apply) keep what was edited by hand in the config
  --overwrite-hand-edits
                        (settings apply) replace it with the rendered config
  --json                (settings) print the result as one line of JSON

Examples:
  prosody-config validate
  prosody-config render --out /etc/prosody/prosody.cfg.lua && prosodyctl reload
  prosody-config settings apply BLEEP_UPLOAD_MAX_BYTES=52428800`;

export type Command = 'render' | 'validate' | 'check' | 'help' | 'settings show' | 'settings diff' | 'settings apply';
export type Args =
  | {
      ok: true;
      command: Command;
      out?: string;
      envFile?: string;
      configPath?: string;
      assignments: string[];
      handEdits: HandEditPolicy;
      json?: boolean;
    }
  | { ok: false; error: string };

const COMMANDS: readonly string[] = ['render', 'validate', 'check', 'help'];
const SETTINGS: readonly string[] = ['show', 'diff', 'apply'];

export function parseArgs(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parse({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        settings: { type: 'string' },
        config: { type: 'string' },
        'keep-hand-edits': { type: 'boolean' },
        'overwrite-hand-edits': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const { values, positionals } = parsed;
  const common = {
    ...(values.settings ? { envFile: values.settings } : {}),
    assignments: [] as string[],
    handEdits: 'refuse' as HandEditPolicy,
  };
  if (values.help) return { ok: true, command: 'help', ...common };
  if (positionals[0] === 'settings') return settingsArgs(positionals.slice(1), values, common);
  if (positionals.length !== 1)
    return {
      ok: false,
      error:
        positionals.length === 0 ? 'Say which command to run.' : `One command at a time, got: ${positionals.join(' ')}`,
    };
  const command = positionals[0]!;
  if (!COMMANDS.includes(command)) return { ok: false, error: `Unknown command "${command}".` };
  if (values.out && command !== 'render') return { ok: false, error: '--out only goes with render.' };
  if (values.config || values.json || values['keep-hand-edits'] || values['overwrite-hand-edits'])
    return { ok: false, error: '--config, --json and the hand-edit options only go with settings.' };
  return { ok: true, command: command as Command, ...(values.out ? { out: values.out } : {}), ...common };
}

function settingsArgs(
  rest: string[],
  values: {
    out?: string;
    config?: string;
    'keep-hand-edits'?: boolean;
    'overwrite-hand-edits'?: boolean;
    json?: boolean;
  },
  common: { envFile?: string; assignments: string[]; handEdits: HandEditPolicy },
): Args {
  const [sub, ...assignments] = rest;
  if (!sub || !SETTINGS.includes(sub)) return { ok: false, error: `Say settings ${SETTINGS.join(', settings ')}.` };
  if (values.out) return { ok: false, error: '--out only goes with render.' };
  if (sub === 'show' && assignments.length > 0) return { ok: false, error: 'settings show takes no KEY=VALUE.' };
  const keep = values['keep-hand-edits'];
  const overwrite = values['overwrite-hand-edits'];
  if (keep && overwrite) return { ok: false, error: 'Either --keep-hand-edits or --overwrite-hand-edits, not both.' };
  if ((keep || overwrite) && sub !== 'apply')
    return { ok: false, error: 'The hand-edit options only go with settings apply.' };
  return {
    ok: true,
    command: `settings ${sub}` as Command,
    ...common,
    ...(values.config ? { configPath: values.config } : {}),
    assignments,
    handEdits: keep ? 'keep' : overwrite ? 'overwrite' : 'refuse',
    ...(values.json ? { json: true } : {}),
  };
}
