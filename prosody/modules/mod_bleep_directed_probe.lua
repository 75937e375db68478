-- A presence probe from a component of this server is answered with the
-- presence of every session that sent the component directed presence, or
-- with "unavailable" when none did (RFC 6121 §4.3.2: a probe is answered with
-- the presence of each available resource, or unavailable).
--
-- Prosody 0.12.3 answers a probe only from a roster contact with a
-- subscription (mod_presence: is_contact_subscribed), so the ops component,
-- which is nobody's contact, gets "unsubscribed". The component learns who is
-- online from directed presence (DESIGN.md), which lives only in its memory:
-- after it restarts, or after the link to Prosody dropped, it probes each
-- staff account and learns again who is online without any client doing
-- anything (issue #14). Only sessions that chose to tell the component are
-- revealed, exactly what it was told before; mod_presence keeps that choice
-- in session.directed and sends those JIDs "unavailable" at disconnect.

local st = require "util.stanza";
local jid_prep = require "util.jid".prep;

local core_post_stanza = prosody.core_post_stanza;
local bare_sessions = prosody.bare_sessions;
local hosts = prosody.hosts;

local function told(session, prober)
	for to in pairs(session.directed or {}) do
		if jid_prep(to) == prober then return true; end
	end
	return false;
end

-- Before mod_presence (priority 0), which would answer "unsubscribed".
module:hook("presence/bare", function (event)
	local stanza = event.stanza;
	if stanza.attr.type ~= "probe" then return; end
	local prober = jid_prep(stanza.attr.from);
	local host = prober and hosts[prober];
	if not (host and host.type == "component") then return; end
	local user = bare_sessions[stanza.attr.to];
	local answered = false;
	for _, session in pairs(user and user.sessions or {}) do
		if told(session, prober) then
			local pres = session.presence and st.clone(session.presence) or st.presence();
			pres.attr.from, pres.attr.to = session.full_jid, prober;
			-- Marked as a probe's answer (protocol NS_PROBED): the component does not welcome
			-- again a session it welcomed before its restart (a department room invitation).
			pres:tag("probed", { xmlns = "urn:bleep:probed:0" }):up();
			core_post_stanza(session, pres, true);
			answered = true;
		end
	end
	if not answered then
		core_post_stanza(hosts[module.host], st.presence({ from = stanza.attr.to, to = prober, type = "unavailable" }), true);
	end
	return true;
end, 10);
