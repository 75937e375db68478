// Where Prosody's side finds this CLI when the ops component asks for the server settings
// (modules/mod_bleep_settings.lua runs `node cli.ts settings … --json` as Prosody's user, without blocking Prosody).
// Rendered into prosody.cfg.lua as `bleep_settings_cli`: whoever renders at start knows it (the runner under
// `npm start`: the repo and its pinned Node 24; the docker entrypoint: /opt/bleep and the image's node), and an
// apply keeps what the running config says (plan.ts), so a CLI run from another folder does not move it.
import { fileURLToPath } from 'node:url';
import luaparse from 'luaparse';

export interface Launcher {
  /** The Node 24 binary. */
  readonly node: string;
  /** prosody/src/cli.ts. */
  readonly script: string;
  /** The folder it runs in: where `.env` is (the repo; /opt/bleep in docker). */
  readonly cwd: string;
  /** A settings file other than `<cwd>/.env` (`--settings`); tests only. */
  readonly env?: string;
}

export const LAUNCHER_OPTION = 'bleep_settings_cli';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** This process: its node, this checkout's CLI, its folder. */
export function defaultLauncher(env?: string): Launcher {
  return { node: process.execPath, script: CLI, cwd: process.cwd(), ...(env ? { env } : {}) };
}

/** Undoes lua.ts luaString: \" \\ and \ddd. */
function unquote(raw: string): string {
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') bytes.push(body.charCodeAt(i));
    else if (/\d/.test(body[i + 1] ?? '')) {
      bytes.push(Number(body.slice(i + 1, i + 4)));
      i += 3;
    } else bytes.push(body.charCodeAt(++i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The launcher a config names (global `bleep_settings_cli = { … }`), if any. */
export function launcherIn(config: string): Launcher | undefined {
  if (config === '') return undefined;
  const chunk = luaparse.parse(config, { comments: false, luaVersion: '5.3' });
  for (const st of chunk.body) {
    if (st.type === 'CallStatement') return undefined; // VirtualHost/Component: the global section is over
    if (st.type !== 'AssignmentStatement') continue;
    const i = st.variables.findIndex((v) => v.type === 'Identifier' && v.name === LAUNCHER_OPTION);
    const table = st.init[i];
    if (i < 0 || table?.type !== 'TableConstructorExpression') continue;
    const fields: Record<string, string> = {};
    for (const f of table.fields)
      if (f.type === 'TableKeyString' && f.value.type === 'StringLiteral') fields[f.key.name] = unquote(f.value.raw);
    if (!fields.node || !fields.script || !fields.cwd) return undefined;
    return { node: fields.node, script: fields.script, cwd: fields.cwd, ...(fields.env ? { env: fields.env } : {}) };
  }
  return undefined;
}
