-- Server settings, for the ops component's settings commands (issue #13 part 5;
-- prosody/README.md "Settings edited on a running server"). The component cannot
-- reach Prosody's files (docker), so it asks this module, which runs Bleep's CLI
-- where the config and prosodyctl are:
--
--   <iq type='get'><show xmlns='urn:bleep:prosody:settings:0'/></iq>
--   <iq type='get'><preview xmlns='urn:bleep:prosody:settings:0'><set key='BLEEP_…' value='…'/>…</preview></iq>
--   <iq type='set'><apply xmlns='urn:bleep:prosody:settings:0' hand-edits='refuse|keep|overwrite'><set …/>…</apply></iq>
--     → <result xmlns='urn:bleep:prosody:settings:0' exit='0|1'>the CLI's one JSON line</result>
--
-- `node cli.ts settings show|diff|apply --json` (bleep_settings_cli: node, script,
-- folder, settings file; rendered by whoever rendered the config). Only the ops
-- component (bleep_accounts_admin) and Prosody's admins may ask.
--
-- Never blocking: an apply reloads Prosody through `prosodyctl shell`, which talks
-- to this Prosody's admin socket, so waiting for the CLI inside Prosody's loop (a
-- blocking io.popen) would deadlock. A component's stanza handler does not run in
-- an async thread in 0.12 (mod_component has no session.thread, unlike mod_c2s),
-- so the CLI is started in the background by a shell that returns at once, writes
-- its answer to a file in the data dir, and a timer polls for that file; the IQ is
-- answered when it is there.

local st = require "util.stanza";
local usermanager = require "core.usermanager";
local jid_bare = require "util.jid".bare;
local new_id = require "util.id".short;

local NS = "urn:bleep:prosody:settings:0";
local admin_host = module:get_option_string("bleep_accounts_admin");
local launcher = module:get_option("bleep_settings_cli");
-- A reload is a few seconds; the component waits a little longer than this.
local TIMEOUT = module:get_option_number("bleep_settings_timeout", 50);
local POLL = 0.1;
local jobs_dir = prosody.paths.data;

local POLICIES = { refuse = true, keep = true, overwrite = true };

-- Only the ops component, or one of Prosody's admins; anyone else is refused.
local function allowed(event)
	local from = event.stanza.attr.from;
	if admin_host and from == admin_host then return true; end
	if from and usermanager.is_admin(jid_bare(from), module.host) then return true; end
	event.origin.send(st.error_reply(event.stanza, "auth", "forbidden", "Only Prosody's admins may see or change the server settings."));
	return false;
end

-- One shell word: everything between single quotes, a quote as '\''.
local function q(s)
	return "'" .. (s:gsub("'", "'\\''")) .. "'";
end

-- The KEY=VALUE words of <set/> children, or nil and why.
local function assignments(el)
	local words = {};
	for set in el:childtags("set", NS) do
		local key, value = set.attr.key, set.attr.value or "";
		if not key or not key:match("^BLEEP_[A-Z0-9_]+$") then return nil, "A setting's name is BLEEP_ and capitals."; end
		if #value > 2000 or value:find("[%c]") then return nil, key .. ": the value is too long or holds a control character."; end
		words[#words + 1] = q(key .. "=" .. value);
	end
	return words;
end

-- Runs the CLI in the background; calls done(exit, stdout) when its answer file is there, or done(nil) after TIMEOUT.
local function run_cli(args, done)
	local job = jobs_dir .. "/settings-job-" .. new_id();
	local cmd = { q(launcher.node), q(launcher.script), "settings" };
	for _, a in ipairs(args) do cmd[#cmd + 1] = a; end
	cmd[#cmd + 1] = "--json";
	cmd[#cmd + 1] = "--config " .. q(prosody.config_file);
	if launcher.env then cmd[#cmd + 1] = "--settings " .. q(launcher.env); end
	local line = table.concat(cmd, " ");
	-- The subshell writes the output, then the exit code; `mv` makes the answer appear whole.
	os.execute("cd " .. q(launcher.cwd) .. " && ( " .. line .. " > " .. q(job .. ".out") .. " 2> " .. q(job .. ".err")
		.. "; echo $? > " .. q(job .. ".part") .. "; mv " .. q(job .. ".part") .. " " .. q(job .. ".exit")
		.. " ) </dev/null >/dev/null 2>&1 &");
	local deadline = os.time() + TIMEOUT;
	module:add_timer(POLL, function ()
		local f = io.open(job .. ".exit");
		if not f then
			if os.time() <= deadline then return POLL; end
			module:log("error", "The settings CLI gave no answer in %d s", TIMEOUT);
			done(nil);
			return nil;
		end
		local exit = tonumber(f:read("l")); f:close();
		local out = io.open(job .. ".out"); local text = out and out:read("a") or ""; if out then out:close(); end
		-- A crash's first line (stack traces hold paths, never settings: JSON results go to stdout).
		local err = io.open(job .. ".err"); local why = err and err:read("l"); if err then err:close(); end
		if exit ~= 0 and why then module:log("warn", "The settings CLI said: %s", why:sub(1, 300)); end
		for _, ext in ipairs({ ".exit", ".out", ".err" }) do os.remove(job .. ext); end
		done(exit, text);
		return nil;
	end);
end

local function answer(event)
	return function (exit, text)
		local stanza = event.stanza;
		-- The CLI says every result, refusals too, as one JSON line; nothing else is an answer.
		if exit == nil or not (text or ""):match("^%s*{") then
			module:log("error", "The settings CLI failed (exit %s)", tostring(exit));
			event.origin.send(st.error_reply(stanza, "wait", "internal-server-error",
				exit == nil and "Prosody's settings tool gave no answer in time; check Prosody's log." or "Prosody's settings tool failed; check Prosody's log."));
			return;
		end
		event.origin.send(st.reply(stanza):text_tag("result", (text:gsub("%s+$", "")), { xmlns = NS, exit = tostring(exit) }));
	end
end

local function not_set_up(event)
	if launcher and launcher.node and launcher.script and launcher.cwd then return false; end
	event.origin.send(st.error_reply(event.stanza, "cancel", "service-unavailable", "bleep_settings_cli is not set in prosody.cfg.lua; render the config with prosody-config."));
	return true;
end

module:hook("iq-get/host/" .. NS .. ":show", function (event)
	if not allowed(event) or not_set_up(event) then return true; end
	run_cli({ "show" }, answer(event));
	return true;
end);

local function edit(sub)
	return function (event)
		if not allowed(event) or not_set_up(event) then return true; end
		local el = event.stanza.tags[1];
		local words, why = assignments(el);
		if not words then
			event.origin.send(st.error_reply(event.stanza, "modify", "bad-request", why));
			return true;
		end
		local args = { sub };
		if sub == "apply" then
			local policy = el.attr["hand-edits"] or "refuse";
			if not POLICIES[policy] then
				event.origin.send(st.error_reply(event.stanza, "modify", "bad-request", "hand-edits is refuse, keep or overwrite."));
				return true;
			end
			if policy ~= "refuse" then args[#args + 1] = "--" .. policy .. "-hand-edits"; end
		end
		for _, w in ipairs(words) do args[#args + 1] = w; end
		module:log("info", "Settings %s asked by %s", sub, jid_bare(event.stanza.attr.from) or "?");
		run_cli(args, answer(event));
		return true;
	end
end

module:hook("iq-get/host/" .. NS .. ":preview", edit("diff"));
module:hook("iq-set/host/" .. NS .. ":apply", edit("apply"));
