// Table of contents: which services answer on ops.<domain>.
import type { ComponentConfig } from './config.ts';
import { registerDirectory } from './directory/index.ts';
import type { Logger } from './log.ts';
import type { Store } from './store/types.ts';
import { Commands } from './xmpp/adhoc.ts';
import { registerDisco } from './xmpp/disco.ts';
import { NS_COMMANDS } from '@bleep/protocol';
import { DirectoryChanges } from './directory/changes.ts';
import { DirectoryLive } from './directory/live.ts';
import { registerRoles } from './roles/index.ts';
import { DepartmentRooms } from './rooms/departments.ts';
import type { IqCaller } from './xmpp/iq-caller.ts';
import type { Element } from './xmpp/xml.ts';
import { Router, type Caller } from './xmpp/router.ts';

export interface Services {
  readonly router: Router;
  /** Work to do once connected: department rooms. */
  online(): Promise<void>;
}

export function buildServices(
  config: ComponentConfig,
  store: Store,
  log: Logger,
  send: (el: Element) => void,
  caller: IqCaller,
): Services {
  const router = new Router({
    onInternalError: (err, stanza) =>
      log.error({ err: err instanceof Error ? err.message : String(err), stanza: stanza.name }, 'handler failed'),
  });
  const commands = new Commands();
  // Only accounts of this hospital's domain are staff; the MUC and other components are not.
  const isStaff = (c: Caller) => c.domain === config.domain && c.bare.includes('@');
  const live = new DirectoryLive(config.opsHost, send);
  const changes = new DirectoryChanges((err) =>
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'directory change not followed'),
  );
  registerDirectory(router, commands, {
    directory: store.directory,
    admins: new Set(config.admins),
    isStaff,
    live,
    changes,
  });
  registerRoles(router, { store, opsHost: config.opsHost, isStaff, send });
  registerDisco(router, commands, config.opsHost, 'Bleep operations');
  router.iq('set', NS_COMMANDS, 'command', commands.execute);
  const departments = new DepartmentRooms({
    opsHost: config.opsHost,
    mucHost: config.mucHost,
    directory: store.directory,
    caller,
    send,
    sessionsOf: (bare) => live.sessionsOf(bare),
    log: log.child({ service: 'rooms' }),
  });
  changes.on(departments.follow);
  router.presence((c, type, stanza) => {
    if (departments.onPresence(stanza)) return;
    if (isStaff(c)) void departments.welcome(c, type);
  });
  return { router, online: () => departments.setup() };
}
