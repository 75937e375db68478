// Where the site's plans are kept (render.ts renders the host; the web servers proxy the path).
/** The HTTP path plans are served under, beside /file_share/ on the app's origin. */
export const PLAN_PATH = '/site_plans';
/** The largest plan image: a scanned floor at print resolution. */
export const PLAN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Who may upload plans: Prosody's admins. With none, a JID on a `.invalid` host (RFC 2606), which no account
 * can have (federation is off), because mod_http_file_share reads an empty `_access` list as "every local
 * user". A server without admins still starts (BLEEP_ADMINS is optional: chat, alarms and accounts made with
 * the CLI work without one), so closing the uploads is better than refusing the settings.
 */
export const planUploaders = (admins: readonly string[]): string[] =>
  admins.length ? [...admins] : ['nobody@no-admins.invalid'];
