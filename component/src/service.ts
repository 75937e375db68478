// The seam every service plugs into. A service is one folder whose index.ts
// exports a Service; services.ts lists it. It declares its disco features
// (and identities, if any) and registers its routes, commands (each with a
// permission from authz.ts), pubsub nodes, addresses and timer kinds on the
// context: it touches nothing outside its folder.
import type { Authz } from './authz.ts';
import type { ComponentConfig } from './config.ts';
import type { DirectoryChanges } from './directory/changes.ts';
import type { HttpRoutes } from './http/routes.ts';
import type { Logger } from './log.ts';
import type { Online } from './online.ts';
import type { AnswerEvents } from './responses/events.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { Store } from './store/types.ts';
import type { Whereabouts } from './whereabouts.ts';
import type { Command } from './xmpp/adhoc.ts';
import type { Identity } from './xmpp/disco.ts';
import type { IqCaller } from './xmpp/iq-caller.ts';
import type { Muc } from './xmpp/muc.ts';
import type { Router } from './xmpp/router.ts';
import type { Element } from './xmpp/xml.ts';

export interface ServiceContext {
  readonly config: ComponentConfig;
  readonly store: Store;
  readonly authz: Authz;
  readonly router: Router;
  /** Adds this service's ad-hoc commands (the registry in xmpp/adhoc.ts); they wait for its start (starting.ts). */
  readonly commands: { add(command: Command): void };
  /** Who is online towards the component (directed presence). */
  readonly online: Online;
  /** Directory changes (duty, edits) for the services that follow them. */
  readonly changes: DirectoryChanges;
  /** Where people sharing their location are now (location/ provides; alarms/ reads). */
  readonly whereabouts: Whereabouts;
  /** Quick-response answers as they are recorded (requests emits; alarms follows). */
  readonly answers: AnswerEvents;
  /** Persisted timers: register a kind, schedule, cancel. */
  readonly scheduler: Scheduler;
  readonly muc: Muc;
  /** The component's HTTP routes (answers from push notifications), behind the web proxy. */
  readonly http: HttpRoutes;
  readonly iq: IqCaller;
  readonly send: (el: Element) => void;
  /** This service's own child logger. */
  readonly log: Logger;
}

/** What a service asks to do once the component is connected (department rooms: bring every room in step). */
export interface Running {
  /** Its commands are refused 'starting' until this is done (starting.ts); the order is services.ts's. */
  online?(): Promise<void>;
  /** Each time the link to Prosody is up, the first time too: ask again for what the component holds only in memory. */
  relinked?(): void;
  /** Stops what the service runs by itself (sweeps), and writes what it holds back. */
  stop?(): Promise<void>;
}

export interface Service {
  readonly name: string;
  /** XEP-0030 features this service adds to the component's disco#info. */
  readonly features?: readonly string[];
  readonly identities?: readonly Identity[];
  register(ctx: ServiceContext): Running | void;
}
