// Starts the features that must listen from the first stream on, before any
// page asks for them: who the user is, carbons, rooms to rejoin, conversations, push, alarms,
// role messages still to go and to withdraw.
import type { App } from 'vue';
import { useAlarms } from '../features/alarms/index.ts';
import { useChat } from '../features/chat/index.ts';
import { useRooms } from '../features/rooms/index.ts';
import { useOmemo } from '../features/omemo/index.ts';
import { usePush } from '../features/push/index.ts';
import { useRoles, useRoleWithdrawals } from '../features/roles/index.ts';
import { useMe } from '../features/session/index.ts';

export default {
  install(_app: App): void {
    useMe();
    useChat();
    useRooms();
    // Before the first stream: its first messages and archive pages are decrypted.
    useOmemo();
    // Registers this device for push at each session start, once notifications are allowed.
    usePush();
    // An alarm that comes with the first stream (or its catch-up) is shown at once.
    useAlarms();
    // A role message that did not go (the app closed while its user was asked) is withdrawn on the first stream.
    useRoleWithdrawals();
    // A role message still waiting for the operations service (a reload meanwhile) goes on the first stream.
    useRoles();
  },
};
