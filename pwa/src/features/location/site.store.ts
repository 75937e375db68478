// The hospital's site model (buildings → floors → rooms), from the component's
// `site` command once per stream, for the room picker and the map, and again
// whenever the component says an admin saved it (site-live.ts there), with
// its version and who saved it last (the site editor's concern).
import type { SiteModel } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { parseSite, siteChange, siteIq } from './codec.ts';

export const useSite = defineStore('site', () => {
  const connection = useConnection();
  const model = ref<SiteModel>();
  /** The model's version (protocol SITE_FIELDS.version); '' until read. */
  const version = ref('');
  /** The bare JID of whoever saved the model the last push told of; '' before any. */
  const changedBy = ref('');
  const error = ref('');

  async function load(): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!client || !ops) return;
    try {
      const site = parseSite(await request(client, siteIq(ops)));
      if (site instanceof Error) error.value = site.message;
      else [model.value, version.value, error.value] = [site.model, site.version, ''];
    } catch (err) {
      error.value = (err as Error).message || 'The site model could not be read.';
    }
  }

  connection.onReady(() => void load());
  connection.onStanza((el) => {
    const ops = connection.config?.opsHost;
    const change = ops ? siteChange(el, ops) : undefined;
    if (!change) return;
    changedBy.value = change.by;
    void load();
  });
  // First used after the stream was ready (the picker or the map opened later): load now.
  if (connection.xmpp) void load();
  return { model, version, changedBy, error, load };
});
