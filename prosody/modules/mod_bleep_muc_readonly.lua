-- A read-only room option, for resolved incident rooms (issue #10: "the room
-- becomes read-only and stays archived") and retired department rooms. The ops
-- component sets it (component/src/rooms/read-only.ts) when it resolves an
-- incident or retires a department's room.
--
-- XEP-0045 §10.2 "moderated" is not enough on Prosody 0.12.3:
-- muc/moderated.lib.lua makes only occupants without an affiliation visitors,
-- and every responder is a member. With this option on, everyone but the
-- room's owners is a visitor (XEP-0045 §5.1: a visitor may not send messages
-- to all occupants), whether present when it is set or joining later. The
-- affiliations stay, so members keep reading the room's archive (a
-- members-only room answers its members' MAM queries).

local FIELD = "bleep#roomconfig_readonly";

local function get_readonly(room)
	return room._data.bleep_readonly;
end

module:hook("muc-config-form", function(event)
	table.insert(event.form, {
		name = FIELD;
		type = "boolean";
		label = "Read-only (only owners may write)";
		value = get_readonly(event.room);
	});
end, 80-4);

-- Runs before moderated.lib.lua (priority 1) and the default (-1).
module:hook("muc-get-default-role", function(event)
	if get_readonly(event.room) and event.affiliation ~= "owner" then
		return "visitor";
	end
end, 2);

module:hook("muc-config-submitted/"..FIELD, function(event)
	local room, readonly = event.room, event.value and true or nil;
	if get_readonly(room) == readonly then return; end
	room._data.bleep_readonly = readonly;
	event.status_codes["104"] = true;
	-- Who is in the room now gets the role they would get on joining.
	local changes = {};
	for nick, occupant in room:each_occupant() do
		local role = room:get_default_role(room:get_affiliation(occupant.bare_jid));
		if role ~= occupant.role then changes[nick] = role; end
	end
	for nick, role in pairs(changes) do
		room:set_role(true, nick, role);
	end
end);
