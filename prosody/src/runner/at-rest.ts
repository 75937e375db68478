// At-rest checks for tests: which files in Prosody's data folder (its SQLite
// database, the upload store of mod_http_file_share, logs) hold some bytes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** The files under `dir` whose contents include `bytes`; [] when none does. */
export async function filesHolding(dir: string, bytes: Uint8Array): Promise<string[]> {
  const files = await filesUnder(dir);
  const found = await Promise.all(files.map(async (f) => ((await readFile(f)).includes(Buffer.from(bytes)) ? f : '')));
  return found.filter(Boolean);
}
