-- Several invitees in one mediated invitation (XEP-0045 §7.8.2; its schema
-- lets <x xmlns='…muc#user'/> hold any number of <invite/>): Prosody 0.12
-- reads only the first (muc.lib.lua handle_mediated_invite).
--
-- Why (issue #10, alarm-fanout): an alarm reaches N responders as N
-- invitations from the incident room. Sent as N stanzas by the component, each
-- was read off the component's stream and parsed by Prosody; sent as one, it
-- is parsed once.
--
-- Two ways through, both doing what handle_mediated_invite does:
--
-- * Fast (the new incident room: not members-only, not anonymous): the room's
--   checks of the inviter (muc-pre-invite) and the muc-invite hooks run ONCE,
--   on the first invitee's invitation, and that one invitation is then routed
--   to each invitee with only its `to` changed, as Prosody's own room
--   broadcast does (muc.lib.lua route_to_occupant reuses one stanza, so what
--   keeps a routed stanza copies it: mod_smacks' queue, mod_offline's store,
--   mod_bleep_alarm_archive). Measured (bench/README.md, "alarm-fanout: where
--   the time goes"): per invitee, the three copies and the two hook runs of
--   the slow way cost about a third of what the whole delivery costs, and more
--   garbage to collect. This is only right when no hook's result depends on
--   the invitee: in 0.12 those are members_only.lib.lua's muc-invite (makes
--   each invitee a member, members-only rooms only) and whois.lib.lua's (hides
--   the inviter from non-moderators, anonymous rooms only); so those rooms go
--   the slow way. The others (the COMPAT <x jabber:x:conference/>, the plain
--   body, the password, mod_bleep_alarm_invites' check of who sent an <alarm/>)
--   depend on the room and the inviter only. Every <invite/> must say the same
--   (the component's do: the room's name as the reason).
-- * Slow (members-only or anonymous rooms, e.g. an escalation step after the
--   door closed, or invitations that differ): each invitee handled as if sent alone
--   (handle_mediated_invite), so every hook runs for each.
--
-- Only the ops component (bleep_alarm_inviter) may: from anyone else, a stanza
-- of hundreds of invitations would count once against any rate limit, and
-- make the room send hundreds. A person's client invites one at a time
-- (Prosody would read only the first anyway), so several are refused, with
-- the reason, rather than all but one dropped unsaid.

local st = require "util.stanza";
local jid_prep = require "util.jid".prep;
local jid_bare = require "util.jid".bare;

local NS_MUC_USER = "http://jabber.org/protocol/muc#user";
local inviter = module:get_option_string("bleep_alarm_inviter");
local ONE_AT_A_TIME = "Invite one person per message: only Bleep's alarm service invites several at once.";

-- The namespaces handle_mediated_invite strips from the request (muc/util.lib.lua filter_muc_x): mod_muc's table,
-- which other MUC parts add to (hats).
local filtered = module:shared("/" .. module.host .. "/muc/filtered-namespaces");
local function filter_muc_x(tag)
	local ns = tag.attr.xmlns;
	if filtered[ns] or ns == "http://jabber.org/protocol/muc" or ns == NS_MUC_USER then return nil; end
	return tag;
end

local function one_by_one(room, origin, stanza, invites)
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
end

-- handle_mediated_invite's work, with the hooks run once and the one invitation routed to each invitee.
local function all_at_once(room, origin, stanza, invites)
	local first = invites[1];
	local invitee = jid_prep(first.attr.to);
	-- The request as the hooks see it for a single invitation: the first invitee's <invite/> alone. Built from the
	-- other children, not by copying the whole request: with 200 invitees that copy alone took ~10 ms on the loaded
	-- bench machine.
	local one = st.stanza(stanza.name, {});
	for k, v in pairs(stanza.attr) do one.attr[k] = v; end
	for _, child in ipairs(stanza) do
		if type(child) ~= "table" then
			one:add_direct_child(child);
		elseif not (child.name == "x" and child.attr.xmlns == NS_MUC_USER) then
			one:add_direct_child(st.clone(child));
		end
	end
	one:tag("x", { xmlns = NS_MUC_USER }):add_child(st.clone(first)):up();
	if not invitee then
		origin.send(st.error_reply(stanza, "cancel", "jid-malformed"));
		return;
	end
	-- Our own hook (priority 100) passes a single invitation on; the room's check of the inviter runs (priority 0).
	if module:fire_event("muc-pre-invite", { room = room, origin = origin, stanza = one }) then return; end
	local invite = st.clone(one):maptags(filter_muc_x);
	invite.attr.from = room.jid;
	invite.attr.to = invitee;
	invite:tag("x", { xmlns = NS_MUC_USER })
			:tag("invite", { from = stanza.attr.from })
				:tag("reason"):text(first:get_child_text("reason")):up()
			:up()
		:up();
	if module:fire_event("muc-invite", { room = room, stanza = invite, origin = origin, incoming = one }) then return; end
	room:route_stanza(invite);
	for i = 2, #invites do
		local to = jid_prep(invites[i].attr.to);
		if to then
			invite.attr.to = to;
			room:route_stanza(invite);
		else
			origin.send(st.error_reply(stanza, "cancel", "jid-malformed"));
		end
	end
end

-- Whether one invitation, `to` aside, is right for every invitee: the same reason and nothing else in each <invite/>.
local function alike(invites)
	local reason = invites[1]:get_child_text("reason");
	for _, invite in ipairs(invites) do
		if invite:get_child_text("reason") ~= reason then return false; end
		for tag in invite:childtags() do
			if tag.name ~= "reason" then return false; end
		end
	end
	return true;
end

-- Before the room's own check of who may invite (priority 0), which then runs for the single invitations.
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
	if room:get_members_only() or room:get_whois() == "moderators" or not alike(invites) then
		one_by_one(room, origin, stanza, invites);
	else
		all_at_once(room, origin, stanza, invites);
	end
	return true;
end, 100);
