-- Invites with a preset, for the ops component's invite commands (issue #13).
-- Prosody's mod_invites keeps the tokens (one account each, with an expiry)
-- and mod_invites_register lets a token's holder register in-band
-- (XEP-0401, XEP-0077); mod_invites_adhoc's command takes no expiry and no
-- preset, so the component asks this module, from its own address only:
--
--   <iq type='set'><create xmlns='urn:bleep:prosody:invites:0' user='…' ttl='seconds' password-min='N'>
--     <preset name='…' department='…' inviter='…'><role>…</role></preset></create></iq>
--     → <invite token='…' expires='…' uri='…'/>
--   <iq type='get'><invites xmlns='…'/></iq> → one <invite token expires user><preset/></invite> per pending invite
--   <iq type='get'><info xmlns='…' token='…'/></iq> → <invite …><preset/></invite>, or item-not-found / gone
--   <iq type='set'><revoke xmlns='…' token='…'/></iq> → empty result
--   <iq type='get'><unapplied xmlns='…'/></iq> → <registered user token><preset/></registered> per account
--     whose preset the component has not confirmed yet
--   <iq type='set'><applied xmlns='…' user='…'/></iq> → empty result; forgotten
--   <iq type='set'><sweep xmlns='…' expired-before='XEP-0082 time'/></iq> → <swept count='N' contacts='N' unapplied='N'/>;
--     deleted: account invites and people's contact invites that expired before then, and presets of accounts
--     registered before then that the component never confirmed
--
-- The preset rides in the invite's additional_data under `bleep` (not
-- `roles`: mod_invites_register would write that into Prosody's own roles).
-- An invite names its account: registering another name with it is refused.
-- When the account is created, the component is told (it applies the preset
-- to the directory and audits it); until it confirms, the preset is kept here.

local st = require "util.stanza";
local datetime = require "util.datetime";

local NS = "urn:bleep:prosody:invites:0";
local admin_host = module:get_option_string("bleep_accounts_admin");
local invites = module:depends("invites");
-- Presets not yet confirmed by the component, by account (host-wide map), and the same read whole.
local unapplied = module:open_store("bleep_invited", "map");
local all_unapplied = module:open_store("bleep_invited");
-- mod_invites' own store, read whole (as its pending_account_invites does), and as a map for a person's
-- contact invites (mod_invites_adhoc: their tokens under their name, token → expiry).
local all_tokens = module:open_store("invite_token");
local tokens = module:open_store("invite_token", "map");

local GONE = "This invite link is no longer valid: it was used or withdrawn. Ask the admin who invited you for a new one.";
local EXPIRED = "This invite link has expired. Ask the admin who invited you for a new one.";

local function from_admin(event)
	local stanza = event.stanza;
	if admin_host and stanza.attr.from == admin_host then return true; end
	event.origin.send(st.error_reply(stanza, "auth", "forbidden", "Only the Bleep operations component may manage invites here."));
	return false;
end

local function preset_tag(reply, preset)
	if not preset then return reply; end
	reply:tag("preset", { name = preset.name, department = preset.department, inviter = preset.inviter });
	for _, role in ipairs(preset.roles or {}) do reply:text_tag("role", role); end
	return reply:up();
end

local function invite_tag(reply, token, invite)
	local preset = invite.additional_data and invite.additional_data.bleep;
	reply:tag("invite", {
		xmlns = NS, token = token, expires = datetime.datetime(invite.expires),
		user = preset and preset.user or nil, uri = invite.uri,
	});
	return preset_tag(reply, preset):up();
end

module:hook("iq-set/host/"..NS..":create", function (event)
	if not from_admin(event) then return true; end
	local req = event.stanza.tags[1];
	local ttl = tonumber(req.attr.ttl);
	local p = req:get_child("preset");
	if not (req.attr.user and ttl and ttl > 0 and p) then
		event.origin.send(st.error_reply(event.stanza, "modify", "bad-request", "An invite needs user, ttl and a preset."));
		return true;
	end
	local roles = {};
	for role in p:childtags("role") do roles[#roles + 1] = role:get_text(); end
	local preset = { user = req.attr.user, name = p.attr.name, department = p.attr.department, inviter = p.attr.inviter, roles = roles,
		-- The component's rule (protocol PASSWORD_MIN), carried by the invite so that it lives in one place.
		password_min = tonumber(req.attr["password-min"]) };
	local invite, err = invites.create_account(req.attr.user, { bleep = preset }, ttl);
	if not invite then
		event.origin.send(st.error_reply(event.stanza, "wait", "internal-server-error", "The invite could not be stored: "..tostring(err)));
		return true;
	end
	event.origin.send(invite_tag(st.reply(event.stanza), invite.token, invite));
	return true;
end);

module:hook("iq-get/host/"..NS..":invites", function (event)
	if not from_admin(event) then return true; end
	local reply = st.reply(event.stanza):tag("invites", { xmlns = NS });
	for token, invite in invites.pending_account_invites() do invite_tag(reply, token, invite); end
	event.origin.send(reply);
	return true;
end);

module:hook("iq-get/host/"..NS..":info", function (event)
	if not from_admin(event) then return true; end
	local token = event.stanza.tags[1].attr.token;
	local invite, err = invites.get_account_invite_info(token);
	if not invite then
		local expired = err == "token-expired";
		event.origin.send(st.error_reply(event.stanza, "cancel", expired and "gone" or "item-not-found", expired and EXPIRED or GONE));
		return true;
	end
	event.origin.send(invite_tag(st.reply(event.stanza), token, invite));
	return true;
end);

module:hook("iq-set/host/"..NS..":revoke", function (event)
	if not from_admin(event) then return true; end
	local token = event.stanza.tags[1].attr.token;
	if not (token and invites.get_account_invite_info(token)) then
		event.origin.send(st.error_reply(event.stanza, "cancel", "item-not-found", "There is no such pending invite."));
		return true;
	end
	invites.delete_account_invite(token);
	event.origin.send(st.reply(event.stanza));
	return true;
end);

-- mod_invites deletes an invite when it is used or withdrawn, never when it expires. The component's daily
-- housekeeping (component/src/invites/index.ts) asks for those past BLEEP_EXPIRED_INVITE_DAYS to go: until then
-- an old link still says it expired rather than that it was used.
local function sweep_account_invites(before)
	local count = 0;
	for token, invite in pairs(all_tokens:get(nil) or {}) do
		if type(invite) == "table" and type(invite.expires) == "number" and invite.expires < before then
			invites.delete_account_invite(token);
			count = count + 1;
		end
	end
	return count;
end

-- A contact invite (XEP-0401 roster preauth) is kept under its sender's name until it is used, so expired ones too.
local function sweep_contact_invites(before)
	local people, count = {}, 0;
	-- Read whole before deleting; SQL storage lists the host's own entries (account invites) under "".
	for user in all_tokens:users() do
		if user and user ~= "" then people[#people + 1] = user; end
	end
	for _, user in ipairs(people) do
		for token, expires in pairs(all_tokens:get(user) or {}) do
			if type(expires) == "number" and expires < before then
				tokens:set(user, token, nil);
				count = count + 1;
			end
		end
	end
	return count;
end

-- A preset the component never confirmed (it kept refusing it) would be kept for good. One kept before presets
-- were dated gets today's date, so it has the whole window too.
local function sweep_unapplied(before)
	local count = 0;
	for user, kept in pairs(all_unapplied:get(nil) or {}) do
		if type(kept) == "table" and not kept.at then
			kept.at = os.time();
			unapplied:set(nil, user, kept);
		elseif type(kept) == "table" and kept.at < before then
			unapplied:set(nil, user, nil);
			count = count + 1;
		end
	end
	return count;
end

module:hook("iq-set/host/"..NS..":sweep", function (event)
	if not from_admin(event) then return true; end
	local before = datetime.parse(event.stanza.tags[1].attr["expired-before"] or "");
	if not before then
		event.origin.send(st.error_reply(event.stanza, "modify", "bad-request", "A sweep needs expired-before, a XEP-0082 time."));
		return true;
	end
	event.origin.send(st.reply(event.stanza):tag("swept", { xmlns = NS,
		count = tostring(sweep_account_invites(before)),
		contacts = tostring(sweep_contact_invites(before)),
		unapplied = tostring(sweep_unapplied(before)),
	}));
	return true;
end);

module:hook("iq-get/host/"..NS..":unapplied", function (event)
	if not from_admin(event) then return true; end
	local reply = st.reply(event.stanza):tag("unapplied", { xmlns = NS });
	for user, kept in pairs(all_unapplied:get(nil) or {}) do
		reply:tag("registered", { user = user, token = kept.token });
		preset_tag(reply, kept.preset):up();
	end
	event.origin.send(reply);
	return true;
end);

module:hook("iq-set/host/"..NS..":applied", function (event)
	if not from_admin(event) then return true; end
	unapplied:set(nil, event.stanza.tags[1].attr.user, nil);
	event.origin.send(st.reply(event.stanza));
	return true;
end);

local function preset_of(event)
	local invite = event.validated_invite or (event.session and event.session.validated_invite);
	return invite, invite and invite.additional_data and invite.additional_data.bleep;
end

-- After mod_invites_register (priority 0) accepted the token: an invite is for the account it names.
module:hook("user-registering", function (event)
	if not event.allowed then return; end
	local _, preset = preset_of(event);
	if not preset then return; end
	if preset.user ~= event.username then
		event.allowed = false;
		event.error = { type = "modify", condition = "not-acceptable",
			text = "This invite is for the account "..preset.user.."; register that name." };
	elseif preset.password_min and (utf8.len(event.password or "") or 0) < preset.password_min then
		-- Any client may register with the token, not only the app: the server holds the rule too.
		event.allowed = false;
		event.error = { type = "modify", condition = "not-acceptable",
			text = "Choose a password of at least "..preset.password_min.." characters." };
	end
end, -10);

local function tell_component(user, kept)
	local iq = st.iq({ type = "set", from = module.host, to = admin_host, id = "bleep-invited-"..user })
		:tag("registered", { xmlns = NS, user = user, token = kept.token });
	preset_tag(iq, kept.preset);
	module:send_iq(iq, nil, 30):next(function (event)
		-- send_iq resolves with a bounce too (the component not connected answers through the origin).
		if event.stanza.attr.type == "result" then
			unapplied:set(nil, user, nil);
		else
			module:log("warn", "The ops component is away; a new account's preset is kept until it asks");
		end
	end, function (err)
		-- Kept: the component asks for what it missed when it connects (unapplied).
		module:log("warn", "The ops component did not take a new account's preset: %s", tostring(err and err.text or err));
	end);
end

module:hook("user-registered", function (event)
	local invite, preset = preset_of(event);
	if not (preset and admin_host) then return; end
	-- Dated, so that one the component never confirms is swept after BLEEP_EXPIRED_INVITE_DAYS (sweep_unapplied).
	local kept = { token = invite.token, preset = preset, at = os.time() };
	unapplied:set(nil, event.username, kept);
	tell_component(event.username, kept);
end);
