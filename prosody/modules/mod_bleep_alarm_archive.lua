-- The 1:1 alarms of the ops component are archived just after they are
-- delivered, not before (issue #10: a Code Blue reaches every responder in
-- about the time Prosody takes to deliver one room message).
--
-- mod_mam writes each message it archives to storage before it passes it on:
-- one write per responder for the 1:1 alarms (~40 ms each on a loaded disk),
-- where one room message to the same people is one write. This module has
-- mod_mam pass over those alarms (archive-should-store) and archives them
-- itself once the burst has gone out, and fires archive-message-added as
-- mod_mam does (mod_cloud_notify pushes on it). An online responder gets the
-- alarm at once; an offline one from offline storage (mod_offline, on the
-- delivery path as before) and the archive; every device finds it in the
-- archive. Prosody stopping writes what waits first.
--
-- Only <alarm xmlns="urn:bleep:alarm:0"/> chat messages from
-- bleep_alarm_sender (alarms@ops.<domain>) are deferred; nothing else.

local jid = require "util.jid";
local st = require "util.stanza";
local time_now = require "util.time".now;

local sender = module:get_option_string("bleep_alarm_sender");
local archive = module:open_store(module:get_option_string("archive_store", "archive"), "archive");
-- Written once the component's burst of alarms has been delivered: when no
-- alarm came for QUIET seconds, and at the latest MAX_WAIT after the first.
local QUIET, MAX_WAIT = 0.1, 2;

local waiting = {};
local scheduled = false;
local first_at, last_at = 0, 0;

local function flush()
	scheduled = false;
	local batch = waiting;
	waiting = {};
	for _, item in ipairs(batch) do
		local id, err = archive:append(item.user, nil, item.stanza, item.time, item.with);
		if id then
			module:fire_event("archive-message-added", {
				origin = item.origin, stanza = item.stanza, for_user = item.user, id = id;
			});
		else
			module:log("error", "Could not archive an alarm for %s: %s", item.user, err);
		end
	end
end

local function when_quiet()
	local now = time_now();
	if now - last_at < QUIET and now - first_at < MAX_WAIT then
		return QUIET; -- util.timer: run again then
	end
	flush();
end

-- Before mod_mam's own rule (priority -1).
module:hook("archive-should-store", function(event)
	local stanza = event.stanza;
	if not sender or stanza.attr.type ~= "chat" or jid.bare(stanza.attr.from) ~= sender
	or not stanza:get_child("alarm", "urn:bleep:alarm:0") then
		return;
	end
	local user, host = jid.split(stanza.attr.to);
	if not user or host ~= module.host then return; end
	last_at = time_now();
	table.insert(waiting, {
		-- Whole seconds, as mod_mam stores them (util.datetime formats them for MAM results).
		user = user, stanza = st.clone(stanza), time = os.time(), with = sender, origin = event.session;
	});
	if not scheduled then
		scheduled, first_at = true, last_at;
		module:add_timer(QUIET, when_quiet);
	end
	event.reason = "archived after delivery (mod_bleep_alarm_archive)";
	return false;
end, 1);

module:hook_global("server-stopping", flush);
module.unload = flush;
