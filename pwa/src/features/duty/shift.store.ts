// One's duty shift (issue #9): the component warns before the shift's end and
// turns duty off at it; this keeps its latest notice for the banner under the
// bar (DutyShiftNotice.vue) and extends the shift once on request.
import { LOCATION_COMMANDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useDirectory } from '../directory/index.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { OFFLINE, useCommands } from '../forms/run.ts';
import { parseShiftNotice, type ShiftNotice } from './shift.ts';

export const useShift = defineStore('shift', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const run = useCommands();
  const notice = ref<ShiftNotice>();
  /** The component's word on the extension ("Your shift now ends at …"), once extended. */
  const extended = ref('');
  const error = ref('');
  const busy = ref(false);

  function dismiss(): void {
    [notice.value, extended.value, error.value] = [undefined, '', ''];
  }

  connection.onStanza((el) => {
    const n = connection.config && parseShiftNotice(el, connection.config.opsHost);
    if (n) [notice.value, extended.value, error.value] = [n, '', ''];
  });
  connection.onLogout(dismiss);
  // A warning holds while on duty; the end's notice until duty starts again.
  watch(
    () => directory.onDuty,
    (on) => {
      if (notice.value?.kind === (on ? 'ended' : 'ending')) dismiss();
    },
  );

  async function extend(): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      const done = await run((ops) => commandIq(ops, LOCATION_COMMANDS.dutyExtend, 'execute'));
      extended.value = done.note || 'Your shift is extended.';
    } catch (err) {
      error.value =
        err instanceof Error && err.message === OFFLINE
          ? 'You are offline, so your shift was not extended. Try again when you are online.'
          : refusalText(err, 'Your shift could not be extended.');
    } finally {
      busy.value = false;
    }
  }

  return { notice, extended, error, busy, extend, dismiss };
});
