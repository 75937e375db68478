// The preview of an edit: prosody.cfg.lua as it is rendered now against as it would be, as a unified diff
// (jsdiff, BSD-3-Clause). Shown to admins in the PWA and the CLI, so secrets are blanked first: the component
// secret and the database password never leave Prosody's side.
import { createTwoFilesPatch } from 'diff';
import { CONFIG_FILE } from './render.ts';

const SECRET = /\b(component_secret|password)(\s*=\s*)"(?:[^"\\]|\\.)*"/g;

/** The config with every secret's value replaced by "(hidden)". */
export function redactSecrets(config: string): string {
  return config.replace(SECRET, '$1$2"(hidden)"');
}

/** A unified diff of two rendered configs, 2 lines of context; '' when they are the same. */
export function configDiff(before: string, after: string): string {
  const a = redactSecrets(before);
  const b = redactSecrets(after);
  if (a === b) return '';
  return createTwoFilesPatch(`${CONFIG_FILE} (now)`, `${CONFIG_FILE} (after)`, a, b, '', '', { context: 2 });
}
