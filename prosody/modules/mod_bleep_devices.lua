-- The devices an account signed in from, and signing one of them out, for a
-- lost phone (issue #13). A device is the XEP-0388 <user-agent id/> it signs
-- in with over SASL2 (mod_sasl2 keeps it as session.client_id), known here by
-- sha256(id), as mod_sasl2_fast keys its tokens. Asked by the ops component
-- alone (bleep_accounts_admin), like mod_bleep_accounts:
--
--   <iq type='get'><devices xmlns='urn:bleep:prosody:devices:0' user='…'/></iq>
--     → <device id='<sha256 hex>' first='…' last='…' online='N'/> per device
--       (XEP-0082 times of the first and the last sign-in; N sessions now)
--   <iq type='set'><signout xmlns='urn:bleep:prosody:devices:0' user='…' device='…'/></iq>
--     → <signed-out ended='N'/>: that device's sessions ended, its FAST tokens
--       deleted (both of them, as mod_bleep_fast_revoke does), its OMEMO device
--       id taken off the person's device list (mod_bleep_devices_omemo), and
--       the device forgotten

local st = require "util.stanza";
local hashes = require "util.hashes";
local datetime = require "util.datetime";
local usermanager = require "core.usermanager";

local NS = "urn:bleep:prosody:devices:0";
local admin_host = module:get_option_string("bleep_accounts_admin");
local devices = module:open_store("bleep_devices", "map");
-- The same data read whole: every device of a person at once.
local all_devices = module:open_store("bleep_devices");
local token_store = module:open_store("fast_tokens", "map");

local REFUSAL = "An admin signed this device out. Sign in again with your password.";
-- mod_bleep_devices_omemo: which OMEMO device id a device published, and its removal.
local omemo = module:depends("bleep_devices_omemo");

local function key_of(client_id) return hashes.sha256(client_id, true); end

module:hook("sasl2/c2s/success", function (event)
	local session = event.session;
	if not (session.username and session.client_id) then return; end
	local key = key_of(session.client_id);
	local now = os.time();
	local known = devices:get(session.username, key);
	devices:set(session.username, key, { first = known and known.first or now, last = now, omemo = known and known.omemo });
end, 50);

-- The sessions of that device now.
local function sessions_of(username, key)
	local user = prosody.hosts[module.host].sessions[username];
	local found = {};
	for _, session in pairs(user and user.sessions or {}) do
		if session.client_id and key_of(session.client_id) == key then found[#found + 1] = session; end
	end
	return found;
end

local function refuse(event, kind, condition, text)
	event.origin.send(st.error_reply(event.stanza, kind, condition, text));
	return true;
end

-- The request from the component, and the account it names; nil after an error reply.
local function request(event)
	if not (admin_host and event.stanza.attr.from == admin_host) then
		refuse(event, "auth", "forbidden", "Only the Bleep operations component may manage devices here.");
		return nil;
	end
	local payload = event.stanza.tags[1];
	if not (payload.attr.user and usermanager.user_exists(payload.attr.user, module.host)) then
		refuse(event, "cancel", "item-not-found", "There is no such account.");
		return nil;
	end
	return payload;
end

module:hook("iq-get/host/"..NS..":devices", function (event)
	local payload = request(event);
	if not payload then return true; end
	local reply = st.reply(event.stanza):tag("devices", { xmlns = NS });
	for key, d in pairs(all_devices:get(payload.attr.user) or {}) do
		reply:tag("device", {
			id = key, first = datetime.datetime(d.first), last = datetime.datetime(d.last),
			online = tostring(#sessions_of(payload.attr.user, key)),
		}):up();
	end
	event.origin.send(reply);
	return true;
end);

module:hook("iq-set/host/"..NS..":signout", function (event)
	local payload = request(event);
	if not payload then return true; end
	local user, key = payload.attr.user, payload.attr.device;
	local device = key and devices:get(user, key);
	if not device then
		return refuse(event, "cancel", "item-not-found", "This account has no such device.");
	end
	-- mod_sasl2_fast's keys for the device's two tokens (see mod_bleep_fast_revoke).
	token_store:set_keys(user, { [key.."-new"] = token_store.remove, [key.."--cur"] = token_store.remove, [key.."-cur"] = token_store.remove });
	if device.omemo then omemo.forget(user, device.omemo); end
	devices:set(user, key, nil);
	local ended = 0;
	for _, session in ipairs(sessions_of(user, key)) do
		session:close({ condition = "not-authorized", text = REFUSAL });
		ended = ended + 1;
	end
	module:log("info", "An admin signed a device out; %d session(s) ended", ended);
	event.origin.send(st.reply(event.stanza):tag("signed-out", { xmlns = NS, ended = tostring(ended) }));
	return true;
end);
