// What the fan-out benchmarks share (request-fanout, alarm-fanout-N, alarm-push-200): one
// Prosody and the component, a sender and N online recipients holding one
// role on duty, all bare @xmpp/client Node clients logged in with native
// PBKDF2 for SCRAM (xmpp.js's own takes 0.35 s a login, DESIGN.md; the wire
// exchange is the same); the wait for the last recipient; and the alternating
// rounds that measure project and baseline in the same run.
//
// The component runs as its own Node process (startFanoutApart), as production
// runs it (docker-compose's `component` service; never inside a phone). In the
// bench's process its work after sending (the affiliation IQs, their results,
// the acknowledgement request stored) would compete in one event loop with the
// N clients' parsing of what it sent, a cost no phone has and that only the
// project's side pays. What a bench needs from its store it reads and writes
// through a connection of its own to the same database (openComponentStore).
import { startTestProsody } from '@bleep/prosody-config/runner';
import { login, useNativePbkdf2, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import type { Settings } from '@bleep/prosody-config';
import type { AlarmPreset } from '@bleep/protocol';
import { createInterface } from 'node:readline';
import { DEFAULT_PRESETS } from '../component/src/alarms/defaults.ts';
import { componentConfig } from '../component/src/config.ts';
import { seedDirectory, type DirectorySeed } from '../component/src/directory/seed.ts';
import { spawnComponent } from '../component/src/faults/component-process.ts';
import type { Store } from '../component/src/index.ts';
import { openStore } from '../component/src/store/open.ts';

/** The role the alarm benchmarks' responders hold. */
export const ALARM_ROLE = 'bench-responder';

/** A preset for the alarm benchmarks: the role's on-duty holders respond, one acknowledgement, no ladder, no repeat within a round. */
export const benchPreset = (id: string, name: string): AlarmPreset => ({
  ...DEFAULT_PRESETS[0]!,
  id,
  name,
  responders: { roles: [ALARM_ROLE], people: [], rooms: [], onDutyOnly: true },
  ack: [{ role: ALARM_ROLE, n: 1 }],
  ladder: [],
  repeatS: 3600,
});

type Emitter = { on(e: string, f: (el: XmlElement) => void): void; off(e: string, f: unknown): void };

/** Resolves with performance.now() when every client has seen stanzas matching each of `matches`. */
export function allHave(
  clients: readonly Client[],
  matches: readonly ((el: XmlElement) => boolean)[],
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let left = clients.length;
    const timer = setTimeout(
      () => reject(new Error(`${what}: ${left} of ${clients.length} still waiting after 60 s`)),
      60_000,
    );
    for (const c of clients) {
      const e = c as unknown as Emitter;
      const pending = new Set(matches);
      const on = (el: XmlElement) => {
        for (const m of pending) if (m(el)) pending.delete(m);
        if (pending.size) return;
        e.off('stanza', on);
        if (--left === 0) {
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
      e.on('stanza', on);
    }
  });
}

/** test-client's exchange() leaves its listener on the sender (one per IQ); no limit, so no leak warning. */
const quiet = (c: Client) => (c as unknown as { setMaxListeners?(n: number): void }).setMaxListeners?.(0);

/** DESIGN.md trap: nothing (presence included) before stream management is on. */
async function smEnabled(c: Client): Promise<void> {
  const sm = (c as unknown as { streamManagement?: { enabled: boolean } }).streamManagement;
  for (let i = 0; i < 250 && sm && !sm.enabled; i++) await new Promise((r) => setTimeout(r, 20));
}

export interface FanoutStack {
  readonly settings: Settings;
  readonly component: ComponentApart;
  readonly sender: Client;
  readonly recipients: readonly Client[];
  readonly jid: (user: string) => string;
  stop(): Promise<void>;
}

export interface FanoutOptions {
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly role: string;
  readonly password: string;
  /** Settings for this run (testSettings overrides), e.g. alarm-push-200's Web Push endpoint. */
  readonly env?: Record<string, string>;
  /**
   * Recipients who sign out again once `prepare` has run for them (alarm-push-200: they registered push); their
   * clients are not in `recipients`. Without it every recipient stays online, presence sent.
   */
  readonly offline?: { prepare(c: Client, user: string, s: Settings): Promise<void> };
}

/** The component as its own process (component/src/main.ts); stop() ends it by its PID. */
export interface ComponentApart {
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ApartOptions {
  /** Runs on the component's store (its database, as the process will open it) before the process starts. */
  readonly prepare?: (store: Store) => Promise<void>;
  /** Each line the process logs (pino JSON, level info). */
  readonly onLog?: (line: string) => void;
}

/** A bench's preset, written to the store before the component starts (`prepare`): the ad-hoc `preset-edit` would
 * need an admin account and its form, and measures nothing here. */
export const addPreset = (preset: AlarmPreset) => async (store: Store) => {
  await store.presets.edit(preset, { id: 'bench', at: new Date().toISOString(), actor: 'bench', action: 'bench' });
};

/** The component's store (its database, as the component opens it), opened from this process; the caller closes it. */
export async function openComponentStore(s: Settings): Promise<Store> {
  const checked = componentConfig(s);
  if (!checked.ok) throw new Error(`component settings: ${checked.problems.join('; ')}`);
  return openStore(checked.config);
}

/**
 * Starts Prosody with `sender` and `recipients` (holding `role`, on duty; online unless `offline`), and the component
 * as its own Node process, started as docker starts it (main.ts, the settings as its environment); the directory
 * seed and `prepare` are written to its store before it starts. The process is stopped by its PID at stop(), and
 * killed if this process exits first.
 */
export function startFanoutApart(opts: FanoutOptions & ApartOptions, say: (l: string) => void): Promise<FanoutStack> {
  return startStack(opts, say, async (s, seed) => {
    const store = await openComponentStore(s);
    try {
      const problems = await seedDirectory(store.directory, seed, s.domain);
      if (problems.length) throw new Error(`directory seed refused: ${problems.join('; ')}`);
      await opts.prepare?.(store);
    } finally {
      await store.close();
    }
    const proc = spawnComponent(s, { BLEEP_OPS_HTTP_PORT: String(s.ports.opsHttp), ...opts.env });
    const { child } = proc;
    if (opts.onLog) createInterface({ input: child.stdout! }).on('line', opts.onLog);
    // A bench that throws or is interrupted leaves no component behind.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    const stop = async () => {
      process.off('exit', orphan);
      await proc.stop();
    };
    try {
      // Not only connected: a request before the default templates are stored is refused ("Template is required").
      await proc.started;
    } catch (err) {
      await stop();
      throw err;
    }
    return { pid: child.pid!, stop };
  });
}

async function startStack(
  opts: FanoutOptions,
  say: (l: string) => void,
  start: (s: Settings, seed: DirectorySeed[]) => Promise<ComponentApart>,
): Promise<FanoutStack> {
  useNativePbkdf2();
  const { password, offline } = opts;
  const users = [opts.sender, ...opts.recipients];
  const prosody = await startTestProsody({ overrides: opts.env, accounts: users.map((user) => ({ user, password })) });
  const s = prosody.settings;
  const jid = (u: string) => `${u}@${s.domain}`;
  const seed = users.map((u) => ({
    jid: jid(u),
    name: u,
    roles: u === opts.sender ? [] : [opts.role],
    department: 'Bench',
    extension: '',
    onDuty: true,
  }));
  let component: ComponentApart;
  try {
    component = await start(s, seed);
  } catch (err) {
    await prosody.stop();
    throw err;
  }
  const clients: Client[] = [];
  const stop = async () => {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await component.stop();
    await prosody.stop();
  };
  try {
    say(`  logging in ${users.length} clients${offline ? ', the recipients then signing out' : ''}`);
    for (let i = 0; i < users.length; i += 20)
      clients.push(
        ...(
          await Promise.all(
            users.slice(i, i + 20).map(async (user) => {
              const c = await login(s, { user, password });
              quiet(c);
              await smEnabled(c);
              if (offline && user !== opts.sender) {
                await offline.prepare(c, user, s);
                await c.stop();
                return undefined;
              }
              await c.send(xml('presence'));
              return c;
            }),
          )
        ).filter((c) => c !== undefined),
      );
  } catch (err) {
    await stop();
    throw err;
  }
  const [sender, ...recipients] = clients as [Client, ...Client[]];
  return { settings: s, component, sender, recipients, jid, stop };
}

/** `warmup` rounds of each, then `rounds` of each, alternating which goes first so machine noise hits both alike. */
export async function alternate(
  rounds: number,
  warmup: number,
  project: (measured: boolean) => Promise<void>,
  baseline: (measured: boolean) => Promise<void>,
  say: (l: string) => void,
): Promise<void> {
  say(`  warm-up, then ${rounds} rounds of each, alternating`);
  for (let i = 0; i < warmup; i++) {
    await project(false);
    await baseline(false);
  }
  for (let i = 0; i < rounds; i++)
    if (i % 2) {
      await baseline(true);
      await project(true);
    } else {
      await project(true);
      await baseline(true);
    }
}
