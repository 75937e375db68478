-- A change of someone's OMEMO device list is told to the local accounts that
-- read that list, as PEP tells it to contacts (XEP-0163 §4.3: a notification,
-- a headline with the new item).
--
-- Prosody 0.12.3's mod_pep notifies only accounts with a presence
-- subscription whose caps ask for the node (+notify). Bleep's staff are not
-- each other's contacts. Gajim 1.7 (gajim-omemo 2.9) and Dino 0.4 read a
-- colleague's device list once and then learn its changes only from such
-- notifications, so they kept encrypting for the devices they saw first: the
-- PWA makes a new device at every sign-in, and the colleague's new device could
-- not read them (protocol/README.md, "Gajim, run against Bleep's Prosody":
-- seen with Gajim running, with and without this module). Here an account that
-- asked for a device list (an items request to its owner) is notified of the
-- later changes of that list too, while the list stays readable to it.
-- Readers are kept in memory (lost at a restart, when clients ask again), a
-- bounded number per list. Bleep's PWA reads the lists at each message; a
-- headline only makes an open chat ask again whether it can encrypt (its
-- "Not encrypted" note goes once the colleague's first device appears).

local jid_bare = require "util.jid".bare;
local jid_split = require "util.jid".split;
local cache = require "util.cache";

local DEVICE_LISTS = {
	["eu.siacs.conversations.axolotl.devicelist"] = true; -- OMEMO 0.3
	["urn:xmpp:omemo:2:devices"] = true; -- OMEMO 2
};
local max_readers = module:get_option_number("bleep_omemo_notify_readers", 500);

-- readers[owner's username][node]: a cache of the readers' bare JIDs, least recent dropped first.
local readers = {};

local function readers_of(username, node, create)
	local lists = readers[username];
	if not lists then
		if not create then return nil; end
		lists = {};
		readers[username] = lists;
	end
	local list = lists[node];
	if not list and create then
		list = cache.new(max_readers);
		lists[node] = list;
	end
	return list;
end

-- An items request for a device list, from a local account to another account (not answered here: mod_pep does).
module:hook("iq/bare/http://jabber.org/protocol/pubsub:pubsub", function (event)
	local origin, stanza = event.origin, event.stanza;
	if event.to_self or stanza.attr.type ~= "get" or origin.type ~= "c2s" then return; end
	local items = stanza.tags[1]:get_child("items");
	local node = items and items.attr.node;
	local owner = jid_split(stanza.attr.to);
	if not (DEVICE_LISTS[node] and owner) then return; end
	readers_of(owner, node, true):set(jid_bare(stanza.attr.from) or origin.username .. "@" .. module.host, true);
end, 20);

-- Each user's PEP service (mod_pep adds it as a "pep-service" item): its broadcast of a new
-- device list also goes to the list's readers that may still read it.
local function adapt(service, username)
	if service.bleep_omemo_notify then return; end
	service.bleep_omemo_notify = true;
	local broadcast = service.config.broadcaster;
	service.config.broadcaster = function (kind, node, jids, item, actor, node_obj, ...)
		local list = kind == "items" and DEVICE_LISTS[node] and readers_of(username, node, false);
		if list then
			local to = {};
			for jid, opts in pairs(jids) do to[jid] = opts; end
			for reader in list:items() do
				if service:may(node, reader, "get_items") then to[reader] = to[reader] or true; end
			end
			jids = to;
		end
		return broadcast(kind, node, jids, item, actor, node_obj, ...);
	end
end

module:handle_items("pep-service", function (event)
	adapt(event.item.service, (jid_split(event.item.jid)));
end, function () end, true);

-- An account that is deleted reads nothing any more, and is read by nobody.
module:hook_global("user-deleted", function (event)
	if event.host == module.host then readers[event.username] = nil; end
end);
