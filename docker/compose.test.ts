// What someone running `docker compose up` relies on, checked without a Docker
// engine: the one .env drives every service through the real settings loader,
// nothing federates or leaks a private port, every file an image needs is in
// the repo, and nginx proxies and protects the way the Node server does.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isTileUrl,
  parseSettings,
  PLAN_MAX_BYTES,
  PLAN_PATH,
  settingsShape,
  tileOrigin,
  UPLOAD_CEILING_BYTES,
} from '@bleep/prosody-config';
import { PUSH_ANSWER_PATH } from '@bleep/protocol';
import * as f from './deploy-files.ts';

const schemaKeys = new Set(Object.keys(settingsShape));
const shape = settingsShape as Record<string, { parse(v: unknown): unknown }>;
const c = f.compose();
const example = f.envExample();
// The compose variables that are not Bleep settings; each is explained in the README's Deploying section.
const NON_BLEEP = ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_PASSWORD'];

/** .env.example with its change-me placeholders filled in the way the README's Deploying section says. */
function filledEnv(): Record<string, string> {
  const hex = 'ab'.repeat(32);
  const env = { ...example.env };
  for (const [k, v] of Object.entries(env)) {
    if (k === 'BLEEP_COMPONENT_SECRET') env[k] = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg==';
    else env[k] = v.replaceAll('change-me', hex);
  }
  return env;
}

describe('.env.example', () => {
  it('lists every setting of the schema, and nothing the schema does not know', () => {
    const keys = example.entries.map((e) => e.key);
    expect([...schemaKeys].filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !schemaKeys.has(k))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("states each setting's real default in the comment above it", () => {
    for (const { key, comment } of example.entries) {
      const m = /\[default: (.*)\]$/.exec(comment);
      expect(m, `${key} needs a one-line comment ending in [default: …]`).not.toBeNull();
      const stated = m![1] === 'empty' ? '' : m![1];
      if (!shape[key]) continue; // reported by the test above
      expect(shape[key]!.parse(stated), key).toEqual(shape[key]!.parse(undefined));
    }
  });

  it('validates with the real settings loader once the placeholders are replaced, as each container sees it', () => {
    for (const name of ['prosody', 'component']) {
      const result = parseSettings(f.serviceEnv(c.services[name]!, filledEnv()), '/');
      expect(result.ok ? [] : result.problems, name).toEqual([]);
      if (!result.ok) continue;
      const s = result.settings;
      expect(s.storage).toMatchObject({ kind: 'postgres' });
      expect(s.federation).toBe(false);
      expect(s.publicUrl).toMatch(/^https:\/\//);
      expect(
        Object.values(s.ports).every((p) => p > 0),
        `${name}: fixed ports`,
      ).toBe(true);
    }
  });

  it('points the database URL at the compose PostgreSQL with the password postgres is created with', () => {
    const env = filledEnv();
    const url = new URL(env.BLEEP_DATABASE_URL!);
    expect(c.services[url.hostname], 'a service named like the URL host').toBeDefined();
    expect(decodeURIComponent(url.password)).toBe(env.BLEEP_POSTGRES_PASSWORD);
    const pg = f.serviceEnv(c.services.postgres!, env);
    expect([url.username, url.pathname.slice(1), url.password]).toEqual([
      pg.POSTGRES_USER,
      pg.POSTGRES_DB,
      pg.POSTGRES_PASSWORD,
    ]);
  });

  it('holds placeholders, never a usable secret', () => {
    expect(example.env.BLEEP_COMPONENT_SECRET).toBe('change-me');
    expect(example.env.BLEEP_POSTGRES_PASSWORD).toBe('change-me');
  });
});

describe('docker-compose.yml', () => {
  it('uses only settings of the schema, or the few postgres variables documented in the README (Deploying)', () => {
    const used = new Set(f.interpolatedNames(f.composeText()));
    for (const s of Object.values(c.services)) for (const k of Object.keys(s.environment ?? {})) used.add(k);
    const unknown = [...used].filter((k) => !schemaKeys.has(k) && !NON_BLEEP.includes(k));
    expect(unknown).toEqual([]);
    const docs = f.read('README.md');
    for (const k of NON_BLEEP) expect(docs, k).toContain(k);
  });

  it('drives Prosody and the component from the one .env', () => {
    expect(c.services.prosody!.env_file).toBe('.env');
    expect(c.services.component!.env_file).toBe('.env');
  });

  it('publishes only the web ports and c2s, never 5269 and never the component port', () => {
    const published = Object.fromEntries(Object.entries(c.services).map(([n, s]) => [n, f.publishedPorts(s).sort()]));
    expect(published).toEqual({ web: [443, 80], prosody: [5222], component: [], postgres: [] });
    const prosodyEnv = f.serviceEnv(c.services.prosody!, filledEnv());
    expect(f.targetPorts(c.services.prosody!)).toEqual([Number(prosodyEnv.BLEEP_C2S_PORT)]);
    const everything = [f.composeText(), f.read('docker/prosody/Dockerfile'), f.read('docker/web/nginx.conf.template')]
      .join('\n')
      .replace(/#.*$/gm, ''); // the comments say "no 5269" on purpose
    expect(everything).not.toMatch(/\b5269\b/);
    expect(f.read('docker/prosody/Dockerfile')).toMatch(/EXPOSE\s+5222 5280 5347\s*$/m);
  });

  it('keeps the component and PostgreSQL off the network the web proxy and the published port use', () => {
    expect(f.networkNames(c.services.component!)).not.toContain('edge');
    expect(f.networkNames(c.services.postgres!)).toEqual(['backend']);
    expect(c.networks.backend?.internal).toBe(true);
    expect(f.networkNames(c.services.prosody!).sort()).toEqual(['backend', 'edge']);
    // The web proxy reaches the component's HTTP port (push answers) on a network of their own.
    const shared = f.networkNames(c.services.web!).filter((n) => f.networkNames(c.services.component!).includes(n));
    expect(shared).toEqual(['answers']);
    expect(c.networks.answers?.internal).toBe(true);
    expect(Object.entries(c.services).flatMap(([n, s]) => (f.networkNames(s).includes('answers') ? [n] : []))).toEqual([
      'component',
      'web',
    ]);
  });

  it('trusts X-Forwarded-* from the web container and from nothing else', () => {
    const webAddress = (c.services.web!.networks as Record<string, { ipv4_address: string }>).edge!.ipv4_address;
    const env = f.serviceEnv(c.services.prosody!, filledEnv());
    expect(env.BLEEP_TRUSTED_PROXIES!.split(',').map((s) => s.trim())).toEqual([webAddress]);
    const subnet = c.networks.edge!.ipam!.config[0]!.subnet.split('/')[0]!.split('.').slice(0, 3).join('.');
    expect(webAddress.startsWith(`${subnet}.`)).toBe(true);
  });

  it('keeps data in named volumes: PostgreSQL, Prosody (uploads) and the component', () => {
    const dataAt = (name: string, target: string) =>
      f.mounts(c.services[name]!).find((m) => m.target === target && m.source in (c.volumes ?? {}));
    expect(dataAt('postgres', '/var/lib/postgresql/data')).toBeDefined();
    const dataDir = f.serviceEnv(c.services.prosody!, filledEnv()).BLEEP_DATA_DIR!;
    expect(dataAt('prosody', dataDir)).toBeDefined();
    expect(dataAt('component', dataDir)).toBeDefined();
  });

  it("lets the component read, and only read, the settings admins applied on Prosody's side", () => {
    const prosodyData = f.mounts(c.services.prosody!).find((m) => m.target === '/var/lib/bleep')!.source;
    const overlayDir = f.serviceEnv(c.services.component!, filledEnv()).BLEEP_OVERLAY_DIR!;
    // The raw short syntax keeps ':ro' beyond mounts()'s source:target.
    expect(c.services.component!.volumes).toContain(`${prosodyData}:${overlayDir}:ro`);
    // Prosody's group (docker/prosody/Dockerfile), which may read its 0750 data folder and the 0640 overlay.
    expect(readFileSync(resolve(f.ROOT, 'docker/prosody/Dockerfile'), 'utf8')).toContain(
      'groupadd --system --gid 990 prosody',
    );
    expect(c.services.component!.group_add).toEqual(['990']);
  });

  it('restarts every service, health-checks what others wait for, and runs Node under an init', () => {
    for (const [name, s] of Object.entries(c.services)) {
      expect(s.restart, name).toBe('unless-stopped');
      for (const [dep, cond] of Object.entries(s.depends_on ?? {}))
        if (cond && typeof cond === 'object' && cond.condition === 'service_healthy')
          expect(c.services[dep]!.healthcheck, dep).toBeDefined();
    }
    expect(c.services.web!.healthcheck).toBeDefined();
    expect(c.services.prosody!.init && c.services.component!.init).toBe(true);
  });

  it('gives the web container no secrets', () => {
    expect(c.services.web!.env_file).toBeUndefined();
    const env = f.serviceEnv(c.services.web!, filledEnv());
    expect(Object.keys(env).filter((k) => /SECRET|PASSWORD|DATABASE/.test(k))).toEqual([]);
    const prosody = f.serviceEnv(c.services.prosody!, filledEnv());
    expect([env.BLEEP_PROSODY_HOST, env.BLEEP_HTTP_PORT]).toEqual(['prosody', prosody.BLEEP_HTTP_PORT]);
    const component = f.serviceEnv(c.services.component!, filledEnv());
    expect(env.BLEEP_OPS_HTTP_PORT).toBe(component.BLEEP_OPS_HTTP_PORT);
  });
});

describe('Dockerfiles', () => {
  const dockerfiles = Object.entries(c.services).flatMap(([n, s]) =>
    s.build ? [[n, s.build.dockerfile] as const] : [],
  );
  const ignore = f
    .read('.dockerignore')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const workspaces = (JSON.parse(f.read('package.json')) as { workspaces: string[] }).workspaces;

  it('exist for every built service, with the repo root as context', () => {
    expect(dockerfiles.map(([n]) => n).sort()).toEqual(['component', 'prosody', 'web']);
    for (const [name, file] of dockerfiles) {
      expect(existsSync(resolve(f.ROOT, file)), file).toBe(true);
      expect(c.services[name]!.build!.context).toBe('.');
    }
  });

  it('copy only paths that exist in the repo and that .dockerignore lets through', () => {
    for (const [, file] of dockerfiles)
      for (const copy of f.dockerCopies(file).filter((x) => !x.from))
        for (const src of copy.sources) {
          expect(existsSync(resolve(f.ROOT, src)), `${file}: COPY ${src}`).toBe(true);
          expect(f.dockerIgnored(src, ignore), `${file}: ${src} is dockerignored`).toBe(false);
        }
    expect(f.dockerIgnored('.env', ignore)).toBe(true);
    expect(f.dockerIgnored('pwa/node_modules', ignore)).toBe(true);
  });

  it('copy every workspace manifest before npm ci, which checks the whole lockfile', () => {
    for (const [, file] of dockerfiles) {
      const sources = f.dockerCopies(file).flatMap((x) => (x.from ? [] : x.sources));
      for (const w of workspaces) expect(sources, file).toContain(`${w}/package.json`);
      expect(sources, file).toContain('package-lock.json');
    }
  });

  it('run Prosody and the component as unprivileged users', () => {
    for (const file of ['docker/prosody/Dockerfile', 'docker/component/Dockerfile']) {
      const user = f
        .dockerInstructions(file)
        .filter((i) => i.op === 'USER')
        .at(-1)?.args;
      expect(user, file).toBeDefined();
      expect(['root', '0']).not.toContain(user);
    }
  });

  it('start programs that exist: the config CLI, the component, executable entrypoints', () => {
    expect(f.read('docker/prosody/entrypoint.sh')).toContain(
      'node prosody/src/cli.ts render --out /etc/prosody/prosody.cfg.lua',
    );
    expect(existsSync(resolve(f.ROOT, 'prosody/src/cli.ts')), 'prosody/src/cli.ts').toBe(true);
    expect(f.read('docker/component/Dockerfile')).toContain('CMD ["node", "component/src/main.ts"]');
    expect(existsSync(resolve(f.ROOT, 'component/src/main.ts')), 'component/src/main.ts').toBe(true);
    for (const s of ['docker/prosody/entrypoint.sh', 'docker/web/entrypoint.sh'])
      expect(statSync(resolve(f.ROOT, s)).mode & 0o111, `${s} is executable`).not.toBe(0);
  });

  it('install every package the image imports at run time', () => {
    // Each image installs only the dependencies of the workspaces named with -w.
    for (const file of ['docker/prosody/Dockerfile', 'docker/component/Dockerfile']) {
      const ci = f.dockerInstructions(file).find((i) => i.op === 'RUN' && i.args.includes('npm ci'))!;
      const names = [...ci.args.matchAll(/-w (\S+)/g)].map((m) => m[1]!);
      const { declared, imported } = f.runtimeImports(names);
      expect(
        imported.filter((p) => !declared.has(p)),
        file,
      ).toEqual([]);
    }
  });
});

describe('nginx (docker/web)', () => {
  const template = f.read('docker/web/nginx.conf.template');
  const headers = f.read('docker/web/security-headers.conf');
  const entrypoint = f.read('docker/web/entrypoint.sh');
  const locations = f.nginxLocations(template);
  const include = 'include /etc/nginx/snippets/bleep-security-headers.conf;';

  it('sends the CSP and security headers on every response, including where a location adds its own header', () => {
    expect(headers).toContain(
      `add_header Content-Security-Policy "default-src 'self'; connect-src 'self' wss://$host; img-src 'self' data: blob:$bleep_map_tiles; media-src 'self' blob:; style-src 'self'; script-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'" always;`,
    );
    for (const h of [
      'Strict-Transport-Security',
      'X-Content-Type-Options "nosniff"',
      'Referrer-Policy "no-referrer"',
      'Permissions-Policy',
      'Cross-Origin-Opener-Policy',
    ])
      expect(headers).toContain(`add_header ${h}`);
    const tls = template.slice(template.indexOf('listen 443'));
    expect(tls.slice(0, tls.indexOf('location'))).toContain(include);
    for (const [where, body] of locations) if (body.includes('add_header')) expect(body, where).toContain(include);
    for (const where of ['= /config.json', '~ ^/(index\\.html|sw\\.js|registerSW\\.js|manifest\\.webmanifest)$'])
      expect(locations.get(where), where).toContain('add_header Cache-Control "no-cache" always;');
  });

  it('proxies the WebSocket and uploads to Prosody with X-Forwarded-Proto, so Prosody treats them as https', () => {
    for (const where of ['= /xmpp-websocket', '/file_share/', `${PLAN_PATH}/`]) {
      const body = locations.get(where)!;
      expect(body, where).toContain('proxy_pass $prosody;');
      expect(body, where).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
      expect(body, where).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
      expect(body, where).toContain('proxy_set_header Host $host;');
    }
    expect(template).toContain('set $prosody http://${BLEEP_PROSODY_HOST}:${BLEEP_HTTP_PORT};');
    const ws = locations.get('= /xmpp-websocket')!;
    expect(ws).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(ws).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(ws).toMatch(/proxy_read_timeout (\d+[hm]|\d{3,}s?);/);
    expect(locations.get('/file_share/')).toContain(`client_max_body_size ${UPLOAD_CEILING_BYTES / 1024 ** 3}g;`);
    // The site's plans (plans.<domain>): the limit Prosody renders for them.
    expect(locations.get(`${PLAN_PATH}/`)).toContain(`client_max_body_size ${PLAN_MAX_BYTES / 1024 / 1024}m;`);
  });

  it('passes answers from push notifications (POST only) to the component, as pwa/server does', () => {
    const body = locations.get(`= ${PUSH_ANSWER_PATH}`)!;
    expect(body).toContain('proxy_pass $ops;');
    expect(body).toContain('limit_except POST { deny all; }');
    expect(template).toContain('set $ops http://component:${BLEEP_OPS_HTTP_PORT};');
  });

  it('redirects port 80 to https and reads the certificate named in .env', () => {
    expect(locations.get('/')).toBeDefined();
    expect(template).toMatch(/listen 80 default_server;[\s\S]*return 301 https:\/\/\$host\$request_uri;/);
    expect(template).toContain('ssl_certificate ${BLEEP_TLS_CERT};');
    expect(template).toContain('ssl_certificate_key ${BLEEP_TLS_KEY};');
  });

  it('fills only settings it checked, with the same defaults as the schema', () => {
    const names = new Set(f.interpolatedNames(template));
    for (const n of names) {
      expect(schemaKeys.has(n) || n in DERIVED, n).toBe(true);
      expect(entrypoint, `entrypoint.sh exports ${n}`).toMatch(new RegExp(`^export .*\\b${n}\\b`, 'm'));
    }
    for (const m of entrypoint.matchAll(/^: "\$\{(BLEEP_[A-Z_]+):=([^}]*)\}"$/gm)) {
      const stated = m[2]!;
      if (stated !== '') expect(shape[m[1]!]!.parse(stated), m[1]).toEqual(shape[m[1]!]!.parse(undefined));
    }
  });

  it('serves /config.json that agrees with the settings Prosody and the component load', () => {
    const env = filledEnv();
    const settings = parseSettings(f.serviceEnv(c.services.prosody!, env), '/');
    expect(settings.ok).toBe(true);
    if (!settings.ok) return;
    const webEnv = f.serviceEnv(c.services.web!, env);
    const body = /return 200 '(.*)';/.exec(locations.get('= /config.json')!)![1]!;
    expect(JSON.parse(f.interpolate(body, webEnv))).toEqual({
      domain: settings.settings.domain,
      websocketPath: '/xmpp-websocket',
      opsHost: settings.settings.opsHost,
      mucHost: settings.settings.mucHost,
      shareHost: settings.settings.shareHost,
      planHost: settings.settings.planHost,
      uploadMaxBytes: settings.settings.upload.maxBytes,
      uploadQuotaBytes: settings.settings.upload.quotaBytes,
      mapTileUrl: settings.settings.mapTileUrl,
    });
  });

  it("derives the CSP's tile origin as the Node server does, and refuses the tile URLs the schema refuses", () => {
    const block = /^# The same rule as[\s\S]*?^fi$/m.exec(entrypoint)![0];
    const run = (url: string) =>
      execFileSync(
        'sh',
        [
          '-c',
          `set -eu; problems=''; refuse() { problems="$problems $1"; }; matches() { printf '%s' "$1" | grep -Eq "$2"; }
${block}
printf '%s|%s' "$BLEEP_MAP_TILE_SRC" "$problems"`,
        ],
        { env: { PATH: process.env.PATH, BLEEP_MAP_TILE_URL: url }, encoding: 'utf8' },
      );
    for (const url of [
      '',
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'http://tiles.example:8080/osm/{z}/{x}/{y}.png?key=a1',
      'https://{s}.tile.example/{z}/{x}/{y}.png',
      "https://t.example/{z}/{x}/{y}.png'",
      'https://t.example/{z}/{x}/{y}.png; img-src *',
      'https://t.example/{z}/{y}.png',
    ]) {
      const origin = tileOrigin(url);
      const want = isTileUrl(url) ? `${origin ? ` ${origin}` : ''}|` : '| BLEEP_MAP_TILE_URL';
      expect(run(url), url).toBe(want);
    }
  });
});

/** Values entrypoint.sh derives from a checked setting (the setting each comes from). */
const DERIVED: Record<string, string> = { BLEEP_MAP_TILE_SRC: 'BLEEP_MAP_TILE_URL' };
