-- OMEMO nodes in PEP are open by default, as XEP-0384 asks (0.3 §4.3 and
-- OMEMO 2 §5.3: the device list and the bundles are published with
-- access_model "open", readable by anyone who may write to the account).
--
-- Prosody 0.12.3's mod_pep gives every node the default access model
-- "presence" (hard-coded node_defaults, no option) and checks access before
-- it looks for the node. So a colleague who is not a contact, asking for the
-- device list of an account that never published one, is answered
-- "forbidden" instead of "item-not-found": a client cannot tell "this person
-- has no OMEMO" from "I may not read their keys", and Bleep holds the message
-- rather than send it in the clear (issue #11). This module makes, for the
-- OMEMO nodes only:
--   * a node that does not exist readable by anyone, so the answer is
--     item-not-found;
--   * a node created without an access model (a publish with no
--     publish-options, as Profanity 0.13 does for its bundle) open.
-- A node whose owner chose another access model keeps it.
--
-- And, for Profanity 0.13: at sign-in it asks for its own device list and,
-- answered item-not-found (every fresh account), logs an error and never
-- publishes one, so other clients see it as a client without OMEMO. The
-- owner asking for its own device list that does not exist yet is answered
-- with an empty list instead, which Profanity then extends and publishes.
-- Anyone else still gets item-not-found ("no OMEMO", as above).

local OMEMO_NODES = {
	["eu.siacs.conversations.axolotl.devicelist"] = true; -- OMEMO 0.3
	["urn:xmpp:omemo:2:devices"] = true; -- OMEMO 2
	["urn:xmpp:omemo:2:bundles"] = true;
};

local function is_omemo(node)
	return type(node) == "string"
		and (OMEMO_NODES[node] or node:match("^eu%.siacs%.conversations%.axolotl%.bundles:%d+$") ~= nil);
end

-- Each user's PEP service, as mod_pep creates it (lazily, and again after its
-- cache dropped it): mod_pep adds it as a "pep-service" item.
local function adapt(service)
	if service.bleep_omemo_open then return; end
	service.bleep_omemo_open = true;

	local default_affiliation = service.get_default_affiliation;
	function service.get_default_affiliation(self, node, actor)
		if is_omemo(node) and not self.nodes[node] then
			return "member"; -- as "open": the lookup then answers item-not-found
		end
		return default_affiliation(self, node, actor);
	end

	local create = service.create;
	function service.create(self, node, actor, options)
		if is_omemo(node) and (options == nil or rawget(options, "access_model") == nil) then
			options = options or {};
			options.access_model = "open";
		end
		return create(self, node, actor, options);
	end
end

local st = require "util.stanza";
local DEVICE_LISTS = {
	["eu.siacs.conversations.axolotl.devicelist"] = true;
	["urn:xmpp:omemo:2:devices"] = true;
};

local pep = module:depends("pep");

-- Before mod_pep's own handler (priority 10); anything not answered here goes on to it.
module:hook("iq/bare/http://jabber.org/protocol/pubsub:pubsub", function (event)
	local origin, stanza = event.origin, event.stanza;
	-- to_self: the account's own request (to its bare JID or to none), from one of its sessions.
	if not event.to_self or stanza.attr.type ~= "get" or origin.type ~= "c2s" then return; end
	local items = stanza.tags[1]:get_child("items");
	local node = items and items.attr.node;
	if not DEVICE_LISTS[node] or pep.get_pep_service(origin.username).nodes[node] then return; end
	origin.send(st.reply(stanza):tag("pubsub", { xmlns = "http://jabber.org/protocol/pubsub" }):tag("items", { node = node }));
	return true;
end, 10);
module:handle_items("pep-service", function (event)
	adapt(event.item.service);
end, function () end, true);
