// Writing prosody.cfg.lua, and beside it the copy of what Bleep rendered (`<config>.rendered`), the reference
// a later apply compares the file on disk with to find hand edits (hand-edits.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chown, writeFile } from 'node:fs/promises';

export const renderedCopyPath = (configPath: string): string => `${configPath}.rendered`;

/**
 * Writes the config (0640: it holds the component secret and maybe a database password) and the rendered copy.
 * `config` differs from `rendered` only by hand edits an admin chose to keep. `owner` as the files had it.
 */
export async function writeConfig(
  configPath: string,
  config: string,
  rendered: string,
  owner?: { uid: number; gid: number },
): Promise<void> {
  for (const [path, text] of [
    [configPath, config],
    [renderedCopyPath(configPath), rendered],
  ] as const) {
    await writeFile(path, text, { mode: 0o640 });
    if (owner) await chown(path, owner.uid, owner.gid);
  }
}

/** The rendered copy of the last write, if there is one. */
export function readRenderedCopy(configPath: string): string | undefined {
  const p = renderedCopyPath(configPath);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

export function ownerOf(path: string): { uid: number; gid: number } | undefined {
  if (!existsSync(path)) return undefined;
  const s = statSync(path);
  return { uid: s.uid, gid: s.gid };
}
