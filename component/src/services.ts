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
import type { Store } from './store/types.ts';
import { Whereabouts } from './whereabouts.ts';
import { Commands } from './xmpp/adhoc.ts';
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

const IDENTITY = { category: 'component', type: 'generic', name: 'Bleep operations' };

export interface Services {
  readonly router: Router;
  readonly scheduler: Scheduler;
  readonly http: HttpRoutes;
  /** Work to do once connected: due timers, department rooms. */
  online(): Promise<void>;
  /** The link to Prosody is (again) up: what Prosody may have forgotten meanwhile is forgotten here too. */
  relinked(): void;
  stop(): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
    onInternalError: (err, stanza) => routerLog.error({ err: message(err), stanza: stanza.name }, 'handler failed'),
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
    commands,
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

  router.iq('set', NS_COMMANDS, 'command', commands.execute);
  router.presence((_caller, _type, stanza) => void muc.onPresence(stanza));
  const services = [...SERVICES, ...extra];
  const running: Running[] = services.map((s) => s.register({ ...shared, log: log.child({ service: s.name }) }) ?? {});
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
      for (const r of running) await r.online?.();
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
