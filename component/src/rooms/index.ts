// Department rooms wiring: rooms made at start, following the directory,
// invitations to staff who come online.
import { NS_PROBED } from '@bleep/protocol';
import type { Service } from '../service.ts';
import { DepartmentRooms } from './departments.ts';

export const departmentRooms: Service = {
  name: 'rooms',
  register({ config, store, authz, router, muc, online, changes, log }) {
    const rooms = new DepartmentRooms({
      mucHost: config.mucHost,
      directory: store.directory,
      members: store.roomMembers,
      rooms: store.departmentRooms,
      audit: store.audit,
      muc,
      serverAdmins: new Set(config.admins),
      sessionsOf: (bare) => online.sessionsOf(bare),
      log,
    });
    changes.on(rooms.follow);
    // A probe's answer after a restart is a session welcomed before: remembered, not invited again.
    router.presence((c, type, stanza) =>
      authz.isStaff(c) ? rooms.welcome(c, type, !!stanza.getChild('probed', NS_PROBED)) : undefined,
    );
    return { online: () => rooms.setup() };
  },
};
