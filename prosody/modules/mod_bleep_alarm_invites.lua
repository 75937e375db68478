-- Only the ops component's invitations carry alarms (issue #10), and theirs carry nothing twice.
--
-- An alarm reaches each responder inside the incident room's mediated
-- invitation (component/src/alarms/codec.ts alarmInvite). Any occupant of a
-- room may send a mediated invitation through it (XEP-0045 §7.8.2), and
-- Prosody 0.12 copies the whole request into the invitation it sends on
-- (muc.lib.lua handle_mediated_invite), an <alarm/> included. Clients trust
-- an <alarm/> only when the <invite from/> that Prosody stamps with the real
-- sender is the component (protocol/README.md, "Preset alarms"); this module
-- is the defence in depth behind that: from anyone else, the <alarm/> is
-- taken out before the invitation leaves the room, so a forged alarm rings
-- nobody, whatever the client.

local jid_bare = require "util.jid".bare;

local NS_ALARM = "urn:bleep:alarm:0";
local inviter = module:get_option_string("bleep_alarm_inviter");

-- muc-invite: event.stanza is the invitation about to be routed, event.incoming the request as it arrived
-- (its from set by Prosody from the real sender's session). Before the room's own handlers (priority 0).
module:hook("muc-invite", function(event)
	local from = event.incoming and event.incoming.attr.from;
	if inviter and from and jid_bare(from) == inviter then return; end
	local stanza = event.stanza;
	if not stanza:get_child("alarm", NS_ALARM) then return; end
	stanza:maptags(function(tag)
		if tag.name == "alarm" and tag.attr.xmlns == NS_ALARM then return nil; end
		return tag;
	end);
	module:log("info", "Took an <alarm/> out of an invitation to %s not sent by %s", event.room.jid, tostring(inviter));
end, 10);

-- The component's alarm invitations leave without the room's name a second time (issue #10, alarm-fanout: each byte
-- is copied, serialised and encrypted once per responder). Prosody's COMPAT muc-invite hook (muc.lib.lua, priority 0)
-- adds XEP-0249's <x xmlns="jabber:x:conference" jid=…/> with the mediated <reason/> as its text; XEP-0249 reads a
-- reason from an attribute only (https://xmpp.org/extensions/xep-0249.html#schema), so that text tells no client
-- anything the <invite/>'s own <reason/> does not. The element itself stays: clients that join by XEP-0249 (Converse.js)
-- need its jid.
module:hook("muc-invite", function(event)
	local from = event.incoming and event.incoming.attr.from;
	if not (inviter and from and jid_bare(from) == inviter) then return; end
	local stanza = event.stanza;
	if not stanza:get_child("alarm", NS_ALARM) then return; end
	local direct = stanza:get_child("x", "jabber:x:conference");
	if direct then
		for i = #direct, 1, -1 do direct[i] = nil; end
		direct.tags = {};
	end
end, -10);
