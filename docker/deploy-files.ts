// Readers for the production files (docker-compose.yml, .env.example,
// Dockerfiles, the nginx template) as plain typed values, so that
// compose.test.ts can state what a deployer relies on. No Docker engine needed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { parse as parseYaml } from 'yaml';

export const ROOT = resolve(import.meta.dirname, '..');
export const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');

export interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: Array<string | number | { published: string | number; target: number }>;
  expose?: Array<string | number>;
  volumes?: Array<string | { source: string; target: string }>;
  networks?: string[] | Record<string, { ipv4_address?: string } | null>;
  healthcheck?: { test: string[] | string };
  depends_on?: string[] | Record<string, { condition: string }>;
  restart?: string;
  init?: boolean;
  group_add?: string[];
}
export interface Compose {
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean; ipam?: { config: Array<{ subnet: string }> } } | null>;
  volumes: Record<string, unknown>;
}

export const composeText = (): string => read('docker-compose.yml');
export const compose = (): Compose => parseYaml(composeText(), { merge: true }) as Compose;

/** Compose's own ${NAME}, ${NAME:-default}, ${NAME:?error} and $$ interpolation from the project's .env. */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?\}/g,
    (all, name?: string, op?: string, arg?: string) => {
      if (all === '$$') return '$';
      const v = env[name!];
      if (op === '-') return v ? v : (arg ?? '');
      if (op === '?' && !v) throw new Error(`${name}: ${arg}`);
      return v ?? '';
    },
  );
}
/** Every variable that docker-compose.yml interpolates from .env. */
export const interpolatedNames = (text: string): string[] =>
  [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);

/** What a service's process sees: env_file (.env) overlaid by its `environment`, as compose does. */
export function serviceEnv(service: ComposeService, dotEnv: Record<string, string>): Record<string, string> {
  const base = service.env_file ? { ...dotEnv } : {};
  for (const [k, v] of Object.entries(service.environment ?? {})) base[k] = interpolate(String(v ?? ''), dotEnv);
  return base;
}

/** Published host ports ("443:443", "127.0.0.1:80:80", long syntax). */
export function publishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return Number(p.published);
    const parts = String(p).split(':');
    return Number(parts.length === 1 ? parts[0] : parts[parts.length - 2]);
  });
}
export const targetPorts = (service: ComposeService): number[] =>
  (service.ports ?? []).map((p) =>
    typeof p === 'object' ? p.target : Number(String(p).split(':').at(-1)!.split('/')[0]),
  );

export const networkNames = (service: ComposeService): string[] =>
  Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});

/** Named-volume mounts as { source, target }; bind mounts have a source starting with . or /. */
export function mounts(service: ComposeService): Array<{ source: string; target: string }> {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === 'object') return v;
    const [source, target] = v.split(':');
    return { source: source!, target: target! };
  });
}

export interface EnvExampleEntry {
  key: string;
  value: string;
  /** The comment line right above the key. */
  comment: string;
}
/** .env.example as Node's parser reads it, plus the comment above each key. */
export function envExample(): { env: Record<string, string>; entries: EnvExampleEntry[] } {
  const text = read('.env.example');
  const env = parseEnv(text) as Record<string, string>;
  const entries: EnvExampleEntry[] = [];
  let comment = '';
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=/.exec(line);
    if (m) entries.push({ key: m[1]!, value: env[m[1]!] ?? '', comment });
    comment = line.startsWith('#') ? line : '';
  }
  return { env, entries };
}

export interface DockerCopy {
  from?: string;
  sources: string[];
  dest: string;
}
/** Instructions of a Dockerfile, with line continuations joined. */
export function dockerInstructions(path: string): Array<{ op: string; args: string }> {
  return read(path)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}
export function dockerCopies(path: string): DockerCopy[] {
  return dockerInstructions(path)
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });
}

/** nginx `location` blocks of the template: matcher → body. Quotes and ${…} hold no structure. */
export function nginxLocations(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s*location\s+([^{\n]+?)\s*\{/gm)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < text.length && depth > 0; i++) {
      const ch = text[i]!;
      const skipTo = (end: string, from: number) => {
        const at = text.indexOf(end, from);
        return at < 0 ? text.length : at;
      };
      if (ch === '#') i = skipTo('\n', i);
      else if (ch === "'" || ch === '"') i = skipTo(ch, i + 1);
      else if (ch === '$' && text[i + 1] === '{') i = skipTo('}', i);
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    out.set(m[1]!.trim(), text.slice(start, i - 1));
  }
  return out;
}
/** Minimal .dockerignore matching: `**` any folders, `*` within one segment. */
export function dockerIgnored(path: string, patterns: readonly string[]): boolean {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((p) => {
    const re = p
      .replace(/\/$/, '')
      .split('**/')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
      .join('(?:.*/)?');
    return new RegExp(`^${re}(?:/.*)?$`).test(clean);
  });
}

/** Package name of a bare import specifier ('@xmpp/xml/lib/x' → '@xmpp/xml'); undefined for node: and relative ones. */
export function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages that the non-test sources of these workspaces import at run
 * time (type-only imports are erased), and the packages an `npm ci -w …` of
 * them installs: their dependencies plus the workspaces themselves.
 */
export function runtimeImports(names: readonly string[]): { declared: Set<string>; imported: string[] } {
  const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  const byName = new Map(
    workspaces.map((dir) => [(JSON.parse(read(`${dir}/package.json`)) as { name: string }).name, dir] as const),
  );
  const declared = new Set<string>(names);
  const imported = new Set<string>();
  for (const name of names) {
    const dir = byName.get(name);
    if (!dir) throw new Error(`${name} is not a workspace`);
    const pkg = JSON.parse(read(`${dir}/package.json`)) as { dependencies?: Record<string, string> };
    for (const d of Object.keys(pkg.dependencies ?? {})) declared.add(d);
    const src = resolve(ROOT, dir, 'src');
    if (!existsSync(src)) continue;
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      // test-*.ts files are test support: they load test-only packages (pg for
      // throwaway databases, @xmpp/client) only when a test asks for them.
      const base = file.split('/').pop()!;
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.endsWith('.d.ts') || base.startsWith('test-'))
        continue;
      const text = readFileSync(resolve(src, file), 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
        const p = packageOf(m[1]!);
        if (p) imported.add(p);
      }
      for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const p = packageOf(m[1]!);
        if (p) imported.add(p);
      }
    }
  }
  return { declared, imported: [...imported].sort() };
}
