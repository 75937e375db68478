// Where the site's plans are kept (render.ts renders the host; the web servers proxy the path).
/** The HTTP path plans are served under, beside /file_share/ on the app's origin. */
export const PLAN_PATH = '/site_plans';
/** The largest plan image: a scanned floor at print resolution. */
export const PLAN_MAX_BYTES = 16 * 1024 * 1024;
