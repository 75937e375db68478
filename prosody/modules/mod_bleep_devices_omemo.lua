-- Which OMEMO device id belongs to which signed-in device, for a lost phone
-- (issue #13): signing a device out also takes its OMEMO device id off the
-- person's device list and deletes its bundle, so colleagues stop encrypting
-- to a phone that is no longer theirs.
--
-- OMEMO 0.3 (https://xmpp.org/extensions/attic/xep-0384-0.3.0.html §4.3):
-- each device publishes its bundle on its own PEP node
-- "eu.siacs.conversations.axolotl.bundles:<device id>", and the ids of all of
-- them as one item of "eu.siacs.conversations.axolotl.devicelist". A bundle is
-- published by the device it names, so the session that publishes it tells
-- us the pair: its XEP-0388 user-agent id (session.client_id, mod_sasl2),
-- hashed as mod_bleep_devices keys devices, and the id in the node name.
-- Recorded once the publish succeeded, in mod_bleep_devices' own store.
-- OMEMO 2 (urn:xmpp:omemo:2) is not handled yet: Bleep's PWA speaks 0.3.

local st = require "util.stanza";
local hashes = require "util.hashes";

local NS_OMEMO = "eu.siacs.conversations.axolotl";
local DEVICE_LIST = NS_OMEMO..".devicelist";
local BUNDLE_PREFIX = NS_OMEMO..".bundles:";

local devices = module:open_store("bleep_devices", "map");
local pep = module:depends("pep");

local function bundle_id(node)
	return type(node) == "string" and node:match("^eu%.siacs%.conversations%.axolotl%.bundles:(%d+)$");
end

local function published(event)
	local id = bundle_id(event.node);
	local session = id and prosody.full_sessions[event.actor];
	if not (session and session.client_id and session.username) then return; end
	local key = hashes.sha256(session.client_id, true);
	local known = devices:get(session.username, key);
	if known and known.omemo ~= id then
		known.omemo = id;
		devices:set(session.username, key, known);
	end
end

-- Each user's PEP service, as mod_pep creates it (see mod_bleep_omemo_pep).
module:handle_items("pep-service", function (event)
	local service = event.item.service;
	if service.bleep_devices_omemo then return; end
	service.bleep_devices_omemo = true;
	service.events.add_handler("item-published", published);
end, function () end, true);

-- The device list without `id`, republished (subscribers are notified), and
-- that device's bundle deleted. Acting as the service itself (actor true).
function forget(username, id)
	local service = pep.get_pep_service(username);
	local ok, items = service:get_items(DEVICE_LIST, true);
	local item_id = ok and items[1];
	local list = item_id and items[item_id]:get_child("list", NS_OMEMO);
	if list then
		local kept = st.stanza("item", { xmlns = "http://jabber.org/protocol/pubsub", id = item_id })
			:tag("list", { xmlns = NS_OMEMO });
		for device in list:childtags("device") do
			if device.attr.id ~= id then kept:tag("device", { id = device.attr.id }):up(); end
		end
		local done, err = service:publish(DEVICE_LIST, true, item_id, kept);
		if not done then module:log("warn", "Could not update an OMEMO device list: %s", tostring(err)); end
	end
	service:delete(BUNDLE_PREFIX..id, true);
end
