-- Room names Bleep keeps for its own rooms: dept-… (a department's room,
-- component/src/rooms/room-name.ts) and alarm-… (an incident's room,
-- component/src/alarms/trigger.ts). Only this service's admins (the ops
-- component is one: render.ts) may create a room with such a name.
--
-- Why: restrict_room_creation = "local" lets any local user create any room.
-- Someone who made dept-<slug>-<hash>@conference first (a department that
-- has no room yet, or, before Bleep retired emptied rooms instead, whose room
-- was destroyed and whose tombstone has expired) would own the room the component then invites that
-- department's staff to, and read what they write there: the component finds
-- the room existing and cannot take it back. Refusing the name closes that.

local st = require "util.stanza";
local jid_split = require "util.jid".split;
local usermanager = require "core.usermanager";

local RESERVED = { "^dept%-", "^alarm%-" };
local TEXT = "This room name is kept for Bleep's department and incident rooms. Choose another name.";

local function reserved(node)
	for _, pattern in ipairs(RESERVED) do
		if node and node:match(pattern) then return true; end
	end
	return false;
end

-- Before mod_muc's own creation checks (restrict_room_creation, priority 0).
module:hook("muc-room-pre-create", function (event)
	local room, origin, stanza = event.room, event.origin, event.stanza;
	local node = jid_split(room.jid);
	if not reserved(node) or usermanager.is_admin(stanza.attr.from, module.host) then return; end
	origin.send(st.error_reply(stanza, "cancel", "not-allowed", TEXT, module.host));
	return true;
end, 10);
