-- Disabled accounts, for the ops component's account commands (issue #13).
-- Prosody 0.12 has no disabled accounts (0.13's usermanager.disable_user) and
-- mod_admin_adhoc (XEP-0133) has no disable or enable command, so the
-- component asks this module, over XMPP, from its own address only:
--
--   <iq type='get'><accounts xmlns='urn:bleep:prosody:accounts:0'/></iq>
--     → one <account user='…' disabled='true|false'/> per account of the host
--   <iq type='set'><disable xmlns='urn:bleep:prosody:accounts:0' user='…'/></iq>
--     → <disabled was='true|false' ended='N'/>: every session ended (resumable
--       ones too) and every FAST token deleted, so no device stays signed in
--   <iq type='set'><enable xmlns='urn:bleep:prosody:accounts:0' user='…'/></iq>
--     → <enabled was='true|false'/> (was: whether it had been disabled)
--   <iq type='set'><sweep-tokens xmlns='urn:bleep:prosody:accounts:0'/></iq>
--     → <swept count='N'/>: every expired FAST token of the host deleted
--
-- A disabled account cannot sign in: it is never given a resource, and its
-- stream is closed.
--
-- A new password (an admin's XEP-0133 change-user-password, after a stolen
-- phone or a leaked password) signs the person out everywhere the same way:
-- every session ended and every FAST token deleted, so the old password and
-- the sign-in tokens issued with it no longer get anyone in. Prosody's mod_c2s
-- would end the sessions alone ("Password changed"), not the tokens.

local st = require "util.stanza";
local usermanager = require "core.usermanager";

local NS = "urn:bleep:prosody:accounts:0";
local admin_host = module:get_option_string("bleep_accounts_admin");
local disabled = module:open_store("bleep_disabled");
-- All the FAST tokens of a person (mod_sasl2_fast's map store, read as key-value).
local fast_tokens = module:open_store("fast_tokens");
local fast_token_map = module:open_store("fast_tokens", "map");

local REFUSAL = "This account is disabled. Ask an admin of your hospital to enable it again.";
local RESET = "An admin set a new password for this account. Sign in with the new one.";

local function is_disabled(username)
	return disabled:get(username) ~= nil;
end

-- Only the ops component (bleep_accounts_admin) asks; anyone else is refused.
local function from_admin(event)
	local stanza = event.stanza;
	if admin_host and stanza.attr.from == admin_host then return true; end
	event.origin.send(st.error_reply(stanza, "auth", "forbidden", "Only the Bleep operations component may manage accounts here."));
	return false;
end

-- The account the request names, or nil after an error reply.
local function named_user(event)
	local user = event.stanza.tags[1].attr.user;
	if not user or not usermanager.user_exists(user, module.host) then
		event.origin.send(st.error_reply(event.stanza, "cancel", "item-not-found", "There is no such account."));
		return nil;
	end
	return user;
end

-- Signs the person out everywhere: every FAST token deleted, then every
-- session ended saying why, but for the one named `keep` (a person changing
-- their own password stays signed in where they did it). How many ended.
local function sign_out_everywhere(username, text, keep)
	fast_tokens:set(username, nil);
	local user = prosody.hosts[module.host].sessions[username];
	local ended = 0;
	if not user then return ended; end
	local sessions = {};
	for resource, session in pairs(user.sessions) do
		if resource ~= keep then sessions[#sessions + 1] = session; end
	end
	for _, session in ipairs(sessions) do
		session:close({ condition = "not-authorized", text = text });
		ended = ended + 1;
	end
	return ended;
end

module:hook("iq-get/host/"..NS..":accounts", function (event)
	if not from_admin(event) then return true; end
	local reply = st.reply(event.stanza):tag("accounts", { xmlns = NS });
	for username in usermanager.users(module.host) do
		reply:tag("account", { user = username, disabled = is_disabled(username) and "true" or "false" }):up();
	end
	event.origin.send(reply);
	return true;
end);

module:hook("iq-set/host/"..NS..":disable", function (event)
	if not from_admin(event) then return true; end
	local user = named_user(event);
	if not user then return true; end
	local was = is_disabled(user);
	local ok, err = disabled:set(user, { since = os.time() });
	if not ok then
		module:log("error", "Could not disable an account: %s", err);
		event.origin.send(st.error_reply(event.stanza, "wait", "internal-server-error", "The account could not be disabled; try again."));
		return true;
	end
	local ended = sign_out_everywhere(user, REFUSAL);
	module:log("info", "Disabled an account; %d session(s) ended", ended);
	event.origin.send(st.reply(event.stanza):tag("disabled", { xmlns = NS, was = tostring(was), ended = tostring(ended) }));
	return true;
end);

module:hook("iq-set/host/"..NS..":enable", function (event)
	if not from_admin(event) then return true; end
	local user = named_user(event);
	if not user then return true; end
	local was = is_disabled(user);
	local ok, err = disabled:set(user, nil);
	if not ok then
		module:log("error", "Could not enable an account: %s", err);
		event.origin.send(st.error_reply(event.stanza, "wait", "internal-server-error", "The account could not be enabled; try again."));
		return true;
	end
	event.origin.send(st.reply(event.stanza):tag("enabled", { xmlns = NS, was = tostring(was) }));
	return true;
end);

-- Before mod_c2s (200), so that the person reads why.
module:hook_global("user-password-changed", function (event)
	if event.host ~= module.host then return; end
	local ended = sign_out_everywhere(event.username, RESET, event.resource);
	module:log("info", "A new password: sign-in tokens deleted, %d session(s) ended", ended);
end, 300);

-- Whatever the way in (SASL, SASL2, a FAST token), a disabled account gets
-- no resource: the bind is refused saying why, then the stream is closed.
-- (Closing from authentication-success instead would break mod_saslauth, which
-- goes on to reset the stream it has just lost.) Resuming a session is not a
-- way in either: disabling ended every session, resumable ones included.
module:hook("pre-resource-bind", function (event)
	local session = event.session;
	if not is_disabled(session.username) then return; end
	session.log("info", "Refused sign-in: the account is disabled");
	event.error = { type = "auth", condition = "not-authorized", text = REFUSAL };
	module:add_timer(0, function ()
		session:close({ condition = "not-authorized", text = REFUSAL });
	end);
	return false;
end, 1000);

-- mod_sasl2_fast deletes an expired token only when it is presented again, so a device that never comes back
-- (lost, replaced, reset) leaves its tokens, secrets included, in the store for good. The component's daily
-- housekeeping asks for them to go (component/src/accounts/index.ts). An expired token signs nobody in, and a
-- device presenting one is sent to the login page whether it is kept or not, so there is no grace period.
module:hook("iq-set/host/"..NS..":sweep-tokens", function (event)
	if not from_admin(event) then return true; end
	local now = os.time();
	local count = 0;
	for username in usermanager.users(module.host) do
		for key, token in pairs(fast_tokens:get(username) or {}) do
			if type(token) == "table" and type(token.expires_at) == "number" and token.expires_at < now then
				fast_token_map:set(username, key, nil);
				count = count + 1;
			end
		end
	end
	event.origin.send(st.reply(event.stanza):tag("swept", { xmlns = NS, count = tostring(count) }));
	return true;
end);
