// Table of contents: which services answer on ops.<domain>. A service is one
// folder exporting a Service (service.ts) and one line in SERVICES; its
// commands, routes, pubsub nodes, addresses, timers and disco features come
// with it. Everything else here is the shared context they plug into.
import { NS_COMMANDS } from '@bleep/protocol';
import { accountsService } from './accounts/index.ts';
import { alarms } from './alarms/index.ts';
import { auditService } from './audit/index.ts';
import { Authz } from './authz.ts';
import type { ComponentConfig } from './config.ts';
import { DirectoryChanges } from './directory/changes.ts';
import { directoryService } from './directory/index.ts';
import { housekeeping } from './housekeeping/index.ts';
import { HttpRoutes } from './http/routes.ts';
import { invitesService } from './invites/index.ts';
import { locationService } from './location/index.ts';
import type { Logger } from './log.ts';
import { Online } from './online.ts';
import { pushService } from './push/index.ts';
import { requests } from './requests/index.ts';
import { AnswerEvents } from './responses/events.ts';
import { roles } from './roles/index.ts';
import { departmentRooms } from './rooms/index.ts';
import { settingsService } from './settings/index.ts';
import { shiftsService } from './shifts/index.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { Running, Service } from './service.ts';
import { Starting } from './starting.ts';
import type { Store } from './store/types.ts';
import { Whereabouts } from './whereabouts.ts';
import { Commands, type Command } from './xmpp/adhoc.ts';
import { CORE_FEATURES, registerDisco } from './xmpp/disco.ts';
import type { IqCaller } from './xmpp/iq-caller.ts';
import { Muc } from './xmpp/muc.ts';
import { Router } from './xmpp/router.ts';
import type { Element } from './xmpp/xml.ts';

export const SERVICES: readonly Service[] = [
  directoryService,
  roles,
  departmentRooms,
  requests,
  locationService,
  shiftsService,
  alarms,
  pushService,
  accountsService,
  invitesService,
  auditService,
  settingsService,
  housekeeping,
];

// Start order (services.online): the alarms first, since their start is one write (the default presets) and an
// alarm must be taken as soon as the component is connected; the department rooms last, since theirs is a MUC
// round trip per member (about 13 s for 101 members under load). The rest keep the order above.
const STARTS_FIRST: readonly Service[] = [alarms];
const STARTS_LAST: readonly Service[] = [departmentRooms];
const startRank = (s: Service) => (STARTS_FIRST.includes(s) ? 0 : STARTS_LAST.includes(s) ? 2 : 1);

const IDENTITY = { category: 'component', type: 'generic', name: 'Bleep operations' };

export interface Services {
  readonly router: Router;
  readonly scheduler: Scheduler;
  readonly http: HttpRoutes;
  /** Work to do once connected: due timers, seeding, department rooms; each service's commands wait for its own. */
  online(): Promise<void>;
  /** The link to Prosody is (again) up: what Prosody may have forgotten meanwhile is forgotten here too. */
  relinked(): void;
  stop(): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** Where a failure happened, for the log: the command's node or the payload's namespace, never its content. */
const payloadOf = (stanza: Element): string | undefined => {
  const child = stanza.getChildElements()[0];
  return child?.attrs.node ?? child?.attrs.xmlns;
};
/** The text Prosody gave with an error answer to one of the component's own requests (xmpp.js StanzaError). */
const textOf = (err: unknown): unknown => (err instanceof Error ? (err as { text?: unknown }).text : undefined);

export function buildServices(
  config: ComponentConfig,
  store: Store,
  log: Logger,
  send: (el: Element) => void,
  iq: IqCaller,
  extra: readonly Service[] = [],
): Services {
  const routerLog = log.child({ service: 'router' });
  const router = new Router({
    onInternalError: (err, stanza) =>
      routerLog.error(
        { err: message(err), errText: textOf(err), stanza: stanza.name, payload: payloadOf(stanza) },
        'handler failed',
      ),
  });
  const authz = new Authz({ domain: config.domain, admins: new Set(config.admins), directory: store.directory });
  const commands = new Commands(authz, Date.now, config.limits);
  const changes = new DirectoryChanges((err) => log.error({ err: message(err) }, 'directory change not followed'));
  const scheduler = new Scheduler(store.timers, log.child({ service: 'scheduler' }));
  const muc = new Muc({ from: config.opsHost, iq, send });
  const http = new HttpRoutes((err) => log.error({ err: message(err) }, 'http route failed'));
  const answers = new AnswerEvents((err) => log.error({ err: message(err) }, 'answer not followed'));
  const shared = {
    config,
    store,
    authz,
    router,
    online: new Online(),
    changes,
    whereabouts: new Whereabouts(),
    answers,
    scheduler,
    muc,
    http,
    iq,
    send,
  };

  const starting = new Starting();
  router.iq('set', NS_COMMANDS, 'command', (req) => {
    starting.check(req.payload.attrs.node ?? '');
    return commands.execute(req);
  });
  router.presence((_caller, _type, stanza) => void muc.onPresence(stanza));
  router.presenceError((stanza) => void muc.onPresence(stanza));
  const services = [...SERVICES, ...extra];
  const running: Running[] = services.map((s) => {
    const add = (c: Command) => void (commands.add(c), starting.own(c.node, [s.name, ...(c.waitsFor ?? [])]));
    const r = s.register({ ...shared, commands: { add }, log: log.child({ service: s.name }) }) ?? {};
    starting.add(s.name, !!r.online);
    return r;
  });
  const unknown = starting.unknown();
  if (unknown.length) throw new Error(`Commands wait for the start of services there are not: ${unknown.join(', ')}.`);
  registerDisco(router, commands, {
    jid: config.opsHost,
    identities: [IDENTITY, ...services.flatMap((s) => s.identities ?? [])],
    features: [...CORE_FEATURES, ...services.flatMap((s) => s.features ?? [])],
  });

  return {
    router,
    scheduler,
    http,
    async online() {
      scheduler.start();
      const order = services.map((s, i) => ({ s, r: running[i]! })).sort((a, b) => startRank(a.s) - startRank(b.s));
      for (const { s, r } of order) {
        if (!r.online) continue;
        await r.online();
        starting.started(s.name);
      }
      starting.done();
    },
    relinked() {
      muc.relinked();
      for (const r of running) r.relinked?.();
    },
    async stop() {
      await scheduler.stop();
      for (const r of running) await r.stop?.();
    },
  };
}
