-- Sign-out revokes every FAST token of the device, not only the one it signs
-- out with. XEP-0484 §4.4: a client authenticates with its token and
-- <fast invalidate='true'/>; the server then invalidates it.
--
-- mod_sasl2_fast keeps up to two tokens per account and device (the XEP-0388
-- <user-agent id/>): the one in use ("-cur") and the one it issued at the last
-- renewal ("-new"), which replaces "-cur" when first used. Its invalidation
-- deletes only the token that matched, so after a renewal the other one stays
-- valid until it expires: a copy taken before sign-out would still sign in.
-- This module deletes both, after mod_sasl2_fast has accepted the token.

local hashes = require "util.hashes";

-- Same store as mod_sasl2_fast (stores are per host and name, not per module).
local token_store = module:open_store("fast_tokens", "map");

-- mod_sasl2_fast's keys: sha256(client id) in hex, then "-new" or "-cur". The
-- Debian snapshot builds the latter as key:sub(1, -4).."-cur", that is
-- "<hash>--cur"; upstream later fixed it to "<hash>-cur". Remove all three.
local function device_keys(client_id)
	local h = hashes.sha256(client_id, true);
	return { [h.."-new"] = token_store.remove, [h.."--cur"] = token_store.remove, [h.."-cur"] = token_store.remove };
end

-- Before mod_sasl2_fast (priority 75) issues a token the same <authenticate/>
-- may ask for: a client that invalidates and requests at once keeps the new one.
module:hook("sasl2/c2s/success", function (event)
	local session = event.session;
	local handler = session.sasl_handler;
	if not (handler and handler.fast and handler.invalidate and handler.client_id) then return; end
	local ok, err = token_store:set_keys(session.username, device_keys(handler.client_id));
	if ok then
		session.log("info", "Revoked every FAST token of this device");
	else
		session.log("error", "Could not revoke the FAST tokens of this device: %s", err);
	end
end, 80);
