-- Lets the community SASL2 modules (Debian prosody-modules, written against
-- Prosody trunk) run on Prosody 0.12.3. Each of them calls an API that 0.12.3
-- does not have; the Traceback aborts whatever the module was doing:
--
--   mod_sasl2       conn:ssl_info() when building stream features on a TLS
--                   stream: no features at all, so every client hangs after
--                   STARTTLS (the "mod_sasl2 crashes 0.12.3" of DESIGN.md);
--                   util.error.is_err() on a SASL "error" status.
--   mod_sasl2_fast  event.stream (the client's stream header) in the
--                   stream-features event, which 0.12 does not pass: same
--                   Traceback, no features; util.datetime.datetime() of a
--                   fractional time when it issues a token, which 0.12's
--                   os.date refuses on Lua 5.4: no <success/>, the sign-in
--                   hangs; stanza:get_child_attr() when a client signs in
--                   with a token (XEP-0484 <fast/>).
--
-- 0.12's core also listens for events that mod_sasl2 never fires: without
-- "authentication-success", mod_c2s keeps the 10 kB limit of unauthenticated
-- streams, and a bigger stanza (an OMEMO bundle, a long message) kills the
-- stream with policy-violation. Both events are fired below, as mod_saslauth
-- fires them.
--
-- And one bug of this snapshot, whatever the Prosody version: after a refused
-- token, the stream keeps the FAST SASL handler, so the password that clients
-- (xmpp.js among them) try next on the same stream fails with
-- invalid-mechanism. The failure hook below gives the stream a fresh handler.
--
-- The API shims apply only where the API is missing; the event and failure
-- hooks are for this snapshot of mod_sasl2. Drop this module with Prosody 0.13.
-- (mod_sasl2_sm needs mod_smacks.do_enable/do_resume, which 0.12's mod_smacks
-- lacks; that is not shimmed here, see prosody/src/modules.ts.)

local st = require "util.stanza";
local errors = require "util.error";
local filters = require "util.filters";
local datetime = require "util.datetime";
local get_sasl_handler = require "core.usermanager".get_sasl_handler;

-- trunk util.stanza: the attribute of the first matching child.
if not st.stanza_mt.get_child_attr then
	function st.stanza_mt:get_child_attr(name, xmlns, attr)
		local tag = self:get_child(name, xmlns);
		return tag and tag.attr[attr] or nil;
	end
end

-- trunk renamed util.error.is_error to is_err.
if not errors.is_err then
	errors.is_err = errors.is_error;
end

-- trunk util.datetime accepts fractional seconds (util.time.now()); 0.12
-- passes them to os.date, which on Lua 5.4 wants an integer.
local format_datetime = datetime.datetime;
if not pcall(format_datetime, 1.5) then
	function datetime.datetime(t)
		if math.type(t) == "float" then t = math.floor(t); end
		return format_datetime(t);
	end
end

-- trunk net.server: TLS details on the connection itself. 0.12 has them on
-- the LuaSec socket (conn:socket():info(), as mod_saslauth 0.12 calls it).
local function add_tls_methods(conn)
	local mt = getmetatable(conn);
	local methods = mt and type(mt.__index) == "table" and mt.__index;
	if not methods or methods.ssl_info then return; end
	function methods:ssl_info()
		local sock = self:socket();
		return sock and sock.info and sock:info() or nil;
	end
	function methods:ssl_peerfinished()
		local sock = self:socket();
		return sock and sock.getpeerfinished and sock:getpeerfinished() or nil;
	end
	function methods:ssl_exportkeyingmaterial(label, len, context)
		local sock = self:socket();
		if sock and sock.exportkeyingmaterial then
			return sock:exportkeyingmaterial(label, len, context);
		end
	end
	module:log("debug", "Added ssl_info/ssl_peerfinished/ssl_exportkeyingmaterial to connections");
end

-- trunk passes the stream header's attributes to stream-features; mod_sasl2_fast
-- offers FAST only when the header names the user (RFC 6120 §4.7.1 'from').
-- Both 0.12 stream openers (util.xmppstream, mod_websocket) call
-- session:stream_attrs(from, to) with `to` = the client's 'from'.
local function remember_client_from(session, _, client_from)
	session.bleep_stream_from = client_from;
end

local function on_new_session(session)
	if session.base_type == "c2s" and session.stream_attrs == nil then
		session.stream_attrs = remember_client_from;
	end
end

function module.load()
	filters.add_filter_hook(on_new_session);
end

function module.unload()
	filters.remove_filter_hook(on_new_session);
end

-- Before mod_sasl2 (priority 1) builds its <authentication/> feature.
module:hook("stream-features", function (event)
	local session = event.origin;
	if session.conn then add_tls_methods(session.conn); end
	if event.stream == nil then
		event.stream = { from = session.bleep_stream_from };
	end
end, 10);

-- After mod_sasl2 (priority 1000) has made the session authenticated.
module:hook("sasl2/c2s/success", function (event)
	module:fire_event("authentication-success", { session = event.session });
end, 900);

-- Before mod_sasl2 (priority 0) sends <failure/>. A refused token leaves the
-- stream ready for a password (XEP-0484 §4: clients fall back to one).
module:hook("sasl2/c2s/failure", function (event)
	local session = event.session;
	module:fire_event("authentication-failure", { session = session, condition = event.message, text = event.error_text });
	if session.sasl_handler and session.sasl_handler.fast then
		session.sasl_handler = get_sasl_handler(module.host, session);
	end
end, 10);
