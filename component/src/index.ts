// startComponent: config → store (+ seed) → router → connection. Used by
// main.ts, `npm start` and the tests.
import type { Settings } from '@bleep/prosody-config';
import { componentConfig, type Limits } from './config.ts';
import { seedDirectory, type DirectorySeed } from './directory/seed.ts';
import { createLogger, type Logger } from './log.ts';
import { buildServices } from './services.ts';
import { IqCaller } from './xmpp/iq-caller.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';
import { connect } from './xmpp/component.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { Service } from './service.ts';
import { isStanza } from './xmpp/stanza.ts';
import type { Element } from './xmpp/xml.ts';

export type { DirectorySeed, Service };
export { createLogger, type Logger } from './log.ts';
export type { Store };

export interface RunningComponent {
  readonly jid: string;
  readonly store: Store;
  readonly scheduler: Scheduler;
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15_000;

export async function startComponent(opts: {
  settings: Settings;
  seed?: readonly DirectorySeed[];
  logger?: Logger;
  /** Services beyond services.ts's list (tests). */
  services?: readonly Service[];
  /** Per-account limits other than the defaults (tests; config.ts validates them). */
  limits?: Partial<Limits>;
}): Promise<RunningComponent> {
  const checked = componentConfig(opts.settings, opts.limits);
  if (!checked.ok) throw new Error(`The component's settings are not usable:\n  - ${checked.problems.join('\n  - ')}`);
  const config = checked.config;
  const log = opts.logger ?? createLogger(config.logLevel);
  const store = await openStore(config);
  const seedProblems = opts.seed ? await seedDirectory(store.directory, opts.seed, config.domain) : [];
  if (seedProblems.length) {
    await store.close();
    throw new Error(`The directory seed was refused:\n  - ${seedProblems.join('\n  - ')}`);
  }
  const xmpp = connect(config, log.child({ service: 'xmpp' }));
  const send = (el: Element) => void xmpp.send(el).catch((err: Error) => log.warn({ err: err.message }, 'not sent'));
  const caller = new IqCaller(send);
  const services = buildServices(config, store, log, send, caller, opts.services);
  // A Prosody restart forgets the component's room occupancy (muc.ts).
  xmpp.onOnline(() => services.relinked());
  xmpp.onStanza((el) => {
    if (!isStanza(el)) return;
    log.debug({ stanza: el.name, type: el.attrs.type, id: el.attrs.id }, 'in');
    if (caller.take(el)) return;
    // The router turns every failure into a reply; this catch only keeps a bug there from ending the process.
    services.router.handle(el).then(
      (reply) => reply && send(reply),
      (err: Error) => log.error({ err: err.message }, 'stanza not handled'),
    );
  });

  // Answers from push notifications (behind the web proxy); before the link, so a failed bind stops the start.
  const http = await services.http.listen(config.http.bind, config.http.port).catch(async (err: Error) => {
    await store.close();
    throw new Error(
      `The component could not listen for HTTP on ${config.http.bind}:${config.http.port}: ${err.message}`,
      { cause: err }, // a taken port (EADDRINUSE) makes a test stack start again on other ports
    );
  });
  const stop = async () => {
    await http.close();
    await services.stop();
    await xmpp.stop();
    await store.close();
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      xmpp.start(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), CONNECT_TIMEOUT_MS))),
    ]);
  } catch (err) {
    await stop();
    const where = `${config.prosodyHost}:${config.componentPort}`;
    throw new Error(
      `The component could not connect to Prosody at ${where} as ${config.opsHost} (${(err as Error).message}). ` +
        'Check that Prosody is running and that BLEEP_COMPONENT_SECRET is the same for both.',
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
  await services.online();
  return { jid: config.opsHost, store, scheduler: services.scheduler, stop };
}
