// Prosody's own console (mod_admin_shell, `prosodyctl shell`) on a running
// test stack: a spec changes what this one server does, as an operator at its
// console could, and puts it back. Nothing here reaches the PWA or the component.
import { join } from 'node:path';
import { CONFIG_FILE } from '@bleep/prosody-config';
import { shell } from '../../prosody/src/apply/prosodyctl.ts';
import type { TestStack } from './stack.ts';

/** Runs Lua in Prosody's global environment (a console line starting with ">"); throws with its output unless it ran. */
async function lua(stack: TestStack, code: string): Promise<void> {
  const { dataDir } = stack.settings;
  const r = await shell(join(dataDir, CONFIG_FILE), dataDir, [`>${code}`]);
  if (!/^Result:/.test(r.output)) throw new Error(`prosodyctl shell: ${r.output}`);
}

/**
 * From now on the MUC host refuses to create any room (not-allowed, before mod_muc's own checks, as
 * restrict_room_creation does). Rooms that exist are untouched, but for the component's spare incident rooms
 * (temporary, made ahead of any alarm: component/src/alarms/spare-rooms.ts), which are removed, as a Prosody
 * restart removes them: else an alarm would take one and need no new room. Resolves with the way to allow it again.
 * The handler is kept on the host's table between two console lines (Prosody refuses new globals).
 */
export async function refuseNewRooms(stack: TestStack): Promise<() => Promise<void>> {
  const host = `prosody.hosts[${JSON.stringify(stack.settings.mucHost)}]`;
  const text = 'Room creation is closed on this server for now';
  await lua(
    stack,
    `local st = require "util.stanza"; local h = ${host}; ` +
      `h.bleep_test_refuse = function(e) e.origin.send(st.error_reply(e.stanza, "cancel", "not-allowed", ` +
      `"${text}", h.host)); return true; end; ` +
      `h.events.add_handler("muc-room-pre-create", h.bleep_test_refuse, 100)`,
  );
  await lua(
    stack,
    `for room in ${host}.modules.muc.each_room(true) do ` +
      `if not room:get_persistent() and room.jid:match("^alarm%-") then room:destroy(nil, "${text}") end end`,
  );
  let open = false;
  return async () => {
    if (open) return;
    open = true;
    const h = host;
    await lua(stack, `${h}.events.remove_handler("muc-room-pre-create", ${h}.bleep_test_refuse)`);
  };
}
