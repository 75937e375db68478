-- Who may ask plans.<domain> for an upload slot (XEP-0363 §4), and a refusal a person can read.
--
-- Why: mod_http_file_share (0.12, may_upload) lets every local user upload when
-- its _access list is empty, and refuses the others with a bare <forbidden/>.
-- Site plans are the hospital's map: only the JIDs listed may upload, an empty
-- list means nobody, and the refusal says who may. render.ts also never renders
-- an empty list, so the file share stays closed if this module is not loaded.
-- https://xmpp.org/extensions/xep-0363.html#errors

local st = require "util.stanza";
local jid = require "util.jid";

-- The same list mod_http_file_share reads, so there is one list of uploaders.
local access = module:get_option_set("http_file_share_access", {});

local TEXT = "Only the server's admins (Prosody's admins) may upload site plans. Ask one of them, or IT.";

-- Before mod_http_file_share's handler (priority 0).
module:hook("iq-get/host/urn:xmpp:http:upload:0:request", function(event)
	local stanza = event.stanza;
	if access:contains(jid.bare(stanza.attr.from)) then return; end
	event.origin.send(st.error_reply(stanza, "auth", "forbidden", TEXT));
	return true;
end, 10);
