-- Several invitees in one mediated invitation (XEP-0045 §7.8.2; its schema
-- lets <x xmlns='…muc#user'/> hold any number of <invite/>): Prosody 0.12
-- reads only the first (muc.lib.lua handle_mediated_invite). Here each one is
-- handled as if it had been sent alone, so the room's own rules (who may
-- invite, members-only) and the muc-invite hooks still apply to each.
--
-- Why (issue #10, alarm-fanout): an alarm reaches N responders as N
-- invitations from the incident room. Sent as N stanzas by the component, each
-- was read off the component's stream and parsed by Prosody; sent as one, they
-- are copied in Lua from one parsed stanza, which is what a room message to N
-- occupants costs too.
--
-- Only the ops component (bleep_alarm_inviter) may: from anyone else, a stanza
-- of hundreds of invitations would count once against any rate limit, and
-- make the room send hundreds. A person's client invites one at a time
-- (Prosody would read only the first anyway), so several are refused, with
-- the reason, rather than all but one dropped unsaid.

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;

local NS_MUC_USER = "http://jabber.org/protocol/muc#user";
local inviter = module:get_option_string("bleep_alarm_inviter");
local ONE_AT_A_TIME = "Invite one person per message: only Bleep's alarm service invites several at once.";

-- Before the room's own check of who may invite (priority 0), which then runs for each single invitation.
module:hook("muc-pre-invite", function(event)
	local room, stanza, origin = event.room, event.stanza, event.origin;
	local x = stanza:get_child("x", NS_MUC_USER);
	local invites = {};
	for invite in x:childtags("invite") do invites[#invites + 1] = invite; end
	if #invites < 2 then return; end
	if not (inviter and jid_bare(stanza.attr.from) == inviter) then
		origin.send(st.error_reply(stanza, "modify", "policy-violation", ONE_AT_A_TIME));
		return true;
	end
	local base = st.clone(stanza);
	base:maptags(function(tag)
		if tag.name == "x" and tag.attr.xmlns == NS_MUC_USER then return nil; end
		return tag;
	end);
	for _, invite in ipairs(invites) do
		local one = st.clone(base);
		one:tag("x", { xmlns = NS_MUC_USER }):add_child(st.clone(invite)):up();
		room:handle_mediated_invite(origin, one);
	end
	return true;
end, 100);
