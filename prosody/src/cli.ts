#!/usr/bin/env node
// prosody-config: render, validate and check Prosody's config from the Bleep
// settings (.env + environment). Runs on Node 24 (type stripping).
import { checkWithProsodyctl } from './cli/check.ts';
import { writeConfig } from './config-file.ts';
import { parseArgs, USAGE } from './cli/args.ts';
import * as editing from './cli/settings.ts';
import { CONFIG_FILE, renderConfig } from './render.ts';
import { baseEnv, formatProblems, loadSettings } from './settings/load.ts';
import { renderReadiness } from './settings/ready.ts';
import type { Settings } from './settings/types.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Loads and validates; on any problem prints all of them and exits 1. */
function settingsOrExit(envFile: string | undefined, checkFiles: boolean): Settings {
  const r = loadSettings(envFile ? { envFile } : {});
  const problems = r.ok ? renderReadiness(r.settings, { checkFiles }) : r.problems;
  if (!r.ok || problems.length > 0)
    fail(
      `The settings are not usable (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${formatProblems(problems)}\nFix them in .env (or the environment) and run again.`,
    );
  return r.settings;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (!args.ok) fail(`${args.error}\n\n${USAGE}`);
  const { command, out, envFile } = args;
  if (command.startsWith('settings ')) {
    const cwd = process.cwd();
    const a = { ...args, base: baseEnv(envFile ? { envFile } : {}), cwd };
    const run = { 'settings show': editing.show, 'settings diff': editing.diff, 'settings apply': editing.apply }[
      command as 'settings show'
    ];
    const said = await run(a);
    // JSON is for programs: always on stdout, the exit code says how it went.
    (said.code === 0 || args.json ? process.stdout : process.stderr).write(said.out);
    process.exitCode = said.code;
    return;
  }
  switch (command) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return;
    case 'validate':
      settingsOrExit(envFile, true);
      process.stdout.write('The settings are valid.\n');
      return;
    case 'render': {
      const text = renderConfig(settingsOrExit(envFile, false));
      if (!out) return void process.stdout.write(text);
      // Beside it, the copy an admin's apply compares it with to find hand edits (config-file.ts).
      await writeConfig(out, text, text);
      process.stderr.write(`wrote ${out}\n`);
      return;
    }
    case 'check': {
      const result = await checkWithProsodyctl(settingsOrExit(envFile, true));
      if (!result.ok) fail(`prosodyctl check config found problems in the rendered ${CONFIG_FILE}:\n${result.output}`);
      process.stdout.write('The settings are valid and Prosody accepts the rendered config.\n');
      return;
    }
  }
}

main(process.argv.slice(2)).catch((err: Error) => fail(`prosody-config failed: ${err.message}`));
