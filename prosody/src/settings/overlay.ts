// The admins' edits: an overlay of editable keys (editable.ts) over the `.env` settings, kept in Prosody's data
// dir as `settings-overlay.env`. Both `npm start` (the runner) and the docker entrypoint render Prosody's config
// from `.env` + environment + overlay, the overlay winning, so a restart keeps what an admin applied; in docker
// the data dir is the `prosody-data` volume. Only Prosody's side writes it (`prosody-config settings apply`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { editableSettings, isEditable } from './editable.ts';
import type { SettingProblem } from './types.ts';

export const OVERLAY_FILE = 'settings-overlay.env';
export type Overlay = Readonly<Record<string, string>>;

export const overlayPath = (dataDir: string): string => join(dataDir, OVERLAY_FILE);

const notEditable = (key: string): SettingProblem => ({
  setting: key,
  message: `cannot be changed on a running server; edit it in .env and restart. Editable: ${editableSettings.map((e) => e.key).join(', ')}.`,
});

/** Keeps the editable keys; every other key is a problem (a hand-written overlay is read with the same rule). */
export function checkOverlay(values: Readonly<Record<string, string>>): {
  overlay: Overlay;
  problems: SettingProblem[];
} {
  const overlay: Record<string, string> = {};
  const problems: SettingProblem[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (isEditable(k)) overlay[k] = v;
    else problems.push(notEditable(k));
  }
  return { overlay, problems };
}

/** `KEY=VALUE` arguments (CLI) as edits; an empty value means "back to the .env value". */
export function parseAssignments(args: readonly string[]): { edits: Overlay; problems: SettingProblem[] } {
  const values: Record<string, string> = {};
  const problems: SettingProblem[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0)
      problems.push({ setting: arg, message: 'is not KEY=VALUE (for example BLEEP_UPLOAD_MAX_BYTES=52428800).' });
    else values[arg.slice(0, eq).trim()] = arg.slice(eq + 1).trim();
  }
  const checked = checkOverlay(values);
  return { edits: checked.overlay, problems: [...problems, ...checked.problems] };
}

/** The edits over the overlay; an empty value removes the key. */
export function mergeOverlay(overlay: Overlay, edits: Overlay): Overlay {
  const out: Record<string, string> = { ...overlay };
  for (const [k, v] of Object.entries(edits)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Reads the overlay of a data dir (none: empty). Keys that are not editable are reported, never used. */
export function readOverlay(dataDir: string): { overlay: Overlay; problems: SettingProblem[] } {
  const path = overlayPath(dataDir);
  if (!existsSync(path)) return { overlay: {}, problems: [] };
  return checkOverlay(parseEnv(readFileSync(path, 'utf8')) as Record<string, string>);
}

/** The overlay as a .env file. Values were validated by the schema; the text must read back as the same values. */
export function overlayText(overlay: Overlay, note: string): string {
  const lines = Object.entries(overlay).map(([k, v]) => `${k}="${v}"`);
  const text = [`# Bleep settings changed by an admin (${note}); they win over .env.`, ...lines, ''].join('\n');
  const back = parseEnv(text);
  for (const [k, v] of Object.entries(overlay))
    if (back[k] !== v) throw new Error(`${k}: its value cannot be written to ${OVERLAY_FILE} as it is`);
  return text;
}
