-- The alarms of the ops component are archived just after they are
-- delivered, not before (issue #10: a Code Blue reaches every responder in
-- about the time Prosody takes to deliver one room message).
--
-- mod_mam writes each message it archives to storage before it passes it on:
-- one write per responder for the alarms (~40 ms each on a loaded disk),
-- where one room message to the same people is one write. This module has
-- mod_mam pass over those alarms (archive-should-store) and archives them
-- itself once the burst has gone out, and fires archive-message-added as
-- mod_mam does (mod_cloud_notify pushes on it). An online responder gets the
-- alarm at once; an offline one from offline storage (mod_offline, on the
-- delivery path as before) and the archive; every device finds it in the
-- archive. Prosody stopping writes what waits first.
--
-- An alarm is the incident room's mediated invitation carrying it
-- (component/src/alarms/codec.ts alarmInvite): a normal message from a room's
-- bare JID on bleep_alarm_muc with <alarm xmlns="urn:bleep:alarm:0"/> and an
-- <invite from/> that the room stamped with bleep_alarm_inviter (the ops
-- component; mod_bleep_alarm_invites strips <alarm/> from anyone else's).
-- Only those are deferred; nothing else.
--
-- A burst is written in ONE SQL transaction. mod_storage_sql commits each
-- archive append on its own (util/sql.lua engine:transaction), and a commit
-- waits for the disk: 200 alarms held Prosody for 2.4-5.5 s on the loaded
-- bench machine (alarm-fanout-200, bench/README.md), stalling every stanza
-- behind them, the room's own configuration IQs included. Inside the batch
-- the appends run in our transaction (one commit); if it fails, each is
-- appended on its own as before.

local jid = require "util.jid";
local st = require "util.stanza";
local time_now = require "util.time".now;
local resolve_relative_path = require "util.paths".resolve_relative_path;
local sql = require "util.sql";

local inviter = module:get_option_string("bleep_alarm_inviter");
local muc_host = module:get_option_string("bleep_alarm_muc");
local archive = module:open_store(module:get_option_string("archive_store", "archive"), "archive");
-- Written once the component's burst of alarms has been delivered: when no
-- alarm came for QUIET seconds, and at the latest MAX_WAIT after the first.
local QUIET, MAX_WAIT = 0.1, 2;

local waiting = {};
local scheduled = false;
local first_at, last_at = 0, 0;

-- mod_storage_sql's engine for the configured database (it shares its engines under this key, module.load there).
local function sql_engine()
	if module:get_option_string("storage") ~= "sql" then return nil; end
	local params = module:get_option("sql", { driver = "SQLite3" });
	local database = params.database;
	if params.driver == "SQLite3" and database ~= ":memory:" then
		database = resolve_relative_path(prosody.paths.data or ".", database or "prosody.sqlite");
	end
	local uri = sql.db2uri({
		driver = params.driver, database = database, username = params.username,
		password = params.password, host = params.host, port = params.port,
	});
	return module:shared("/*/sql/connections")[uri];
end

local function append_each(batch)
	local ids = {};
	for i, item in ipairs(batch) do
		local id, err = archive:append(item.user, nil, item.stanza, item.time, item.with);
		if not id then module:log("error", "Could not archive an alarm for %s: %s", item.user, err); end
		ids[i] = id or false;
	end
	return ids;
end

-- The appends in one transaction: each append's own engine:transaction runs inline in ours (no commit of its own).
-- Lua runs this to the end without yielding (LuaDBI is synchronous), so nothing else uses the engine meanwhile.
local function append_batched(engine, batch)
	local own = engine._transaction;
	engine._transaction = function(_, fn, ...) return true, fn(...); end
	local ok, ids = own(engine, function()
		local out = {};
		for i, item in ipairs(batch) do
			out[i] = assert(archive:append(item.user, nil, item.stanza, item.time, item.with));
		end
		return out;
	end);
	engine._transaction = nil; -- the engine's own method again (engine_mt)
	if ok then return ids; end
	module:log("warn", "Archiving %d alarms in one transaction failed (%s); one by one", #batch, ids);
	return append_each(batch);
end

local function flush()
	scheduled = false;
	local batch = waiting;
	waiting = {};
	if #batch == 0 then return; end
	local engine = #batch > 1 and sql_engine();
	local ids = engine and append_batched(engine, batch) or append_each(batch);
	for i, item in ipairs(batch) do
		if ids[i] then
			module:fire_event("archive-message-added", {
				origin = item.origin, stanza = item.stanza, for_user = item.user, id = ids[i];
			});
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

-- The room's invitation carrying an alarm from the ops component (see the top); nil for anything else.
local function alarm_room(stanza)
	local t = stanza.attr.type;
	if not inviter or not muc_host or (t and t ~= "normal") or not stanza:get_child("alarm", "urn:bleep:alarm:0") then
		return nil;
	end
	local from = stanza.attr.from;
	local node, host, resource = jid.split(from);
	if not node or host ~= muc_host or resource then return nil; end
	local invite = stanza:find("{http://jabber.org/protocol/muc#user}x/invite");
	if not invite or jid.bare(invite.attr.from or "") ~= inviter then return nil; end
	return from;
end

-- Before mod_mam's own rule (priority -1).
module:hook("archive-should-store", function(event)
	local stanza = event.stanza;
	local room = alarm_room(stanza);
	if not room then return; end
	local user, host = jid.split(stanza.attr.to);
	if not user or host ~= module.host then return; end
	last_at = time_now();
	table.insert(waiting, {
		-- Whole seconds, as mod_mam stores them (util.datetime formats them for MAM results).
		user = user, stanza = st.clone(stanza), time = os.time(), with = room, origin = event.session;
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
