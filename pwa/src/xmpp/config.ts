// The server's settings come from /config.json (same origin as the app). The
// last good copy is kept so the shell still knows its server when offline.
export interface ServerConfig {
  readonly domain: string;
  readonly websocketPath: string;
  readonly opsHost: string;
  readonly mucHost: string;
  /** share.<domain>: XEP-0363 upload slots. */
  readonly shareHost: string;
  /** plans.<domain>: XEP-0363 slots for the site's plans (kept; Prosody's admins upload). */
  readonly planHost: string;
  /** The largest upload and one person's daily total (mod_http_file_share), said in refusals. */
  readonly uploadMaxBytes: number;
  readonly uploadQuotaBytes: number;
  /** Outdoor tiles under the dispatcher's map (BLEEP_MAP_TILE_URL); '' = the offline site plans only. */
  readonly mapTileUrl: string;
}

const KEY = 'bleep.config';

/** XMPP over the WebSocket of the app's own origin (the web server proxies it to Prosody). */
export function serviceUrl(config: ServerConfig): string {
  return `wss://${location.host}${config.websocketPath}`;
}

export function parseConfig(x: unknown): ServerConfig | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const c = x as Record<string, unknown>;
  const str = (k: string) => typeof c[k] === 'string' && (c[k] as string).length > 0;
  if (!str('domain') || !str('opsHost') || !str('mucHost') || !str('websocketPath')) return undefined;
  if (!str('shareHost') || typeof c.uploadMaxBytes !== 'number' || typeof c.uploadQuotaBytes !== 'number')
    return undefined;
  if (!(c.websocketPath as string).startsWith('/')) return undefined;
  return {
    domain: c.domain as string,
    websocketPath: c.websocketPath as string,
    opsHost: c.opsHost as string,
    mucHost: c.mucHost as string,
    shareHost: c.shareHost as string,
    // An older server (or saved copy) without it: the host it has by default.
    planHost: typeof c.planHost === 'string' && c.planHost ? c.planHost : `plans.${c.domain as string}`,
    uploadMaxBytes: c.uploadMaxBytes,
    uploadQuotaBytes: c.uploadQuotaBytes,
    // An older server (or saved copy) without it: the offline plans.
    mapTileUrl: typeof c.mapTileUrl === 'string' && /^https?:\/\//.test(c.mapTileUrl) ? c.mapTileUrl : '',
  };
}

export interface LoadedConfig {
  readonly config: ServerConfig;
  /** False when the server could not be reached and the saved copy is used. */
  readonly fresh: boolean;
}

export async function loadConfig(storage: Storage = localStorage): Promise<LoadedConfig | undefined> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    const config = res.ok ? parseConfig(await res.json()) : undefined;
    if (config) {
      storage.setItem(KEY, JSON.stringify(config));
      return { config, fresh: true };
    }
  } catch {
    // unreachable: fall back to the saved copy
  }
  const saved = storage.getItem(KEY);
  const config = saved ? parseConfig(JSON.parse(saved)) : undefined;
  return config && { config, fresh: false };
}
