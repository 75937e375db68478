// Admin → Site model (issue #13 part 3): a draft of the model the staff's
// `site` command gives, changed in the tree and on the floor plans, and saved
// whole with `site-edit`. The component validates (every problem listed) and
// audits (target 'site', before and after); a refusal shows its reasons.
import { LOCATION_COMMANDS, SITE_FIELDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../../xmpp/connection.store.ts';
import { request } from '../../../xmpp/session.ts';
import { useSite } from '../../location/site.store.ts';
import { useComplete } from '../complete.ts';
import { draftOf, toModel, type Draft } from './draft.ts';
import { uploadPlan } from './plan-upload.ts';

export const useSiteEditor = defineStore('admin-site', () => {
  const connection = useConnection();
  const site = useSite();
  const complete = useComplete();
  const draft = ref<Draft>();
  const error = ref('');
  const saved = ref('');
  const busy = ref(false);

  async function load(): Promise<void> {
    await site.load();
    if (site.model) draft.value = draftOf(site.model);
    error.value = site.error;
    saved.value = '';
  }

  async function save(): Promise<void> {
    if (!draft.value) return;
    [busy.value, error.value, saved.value] = [true, '', ''];
    const model = toModel(draft.value);
    try {
      const lines = JSON.stringify(model, null, 1).split('\n');
      const done = await complete(
        LOCATION_COMMANDS.siteEdit,
        { [SITE_FIELDS.model]: lines },
        'The site model was not saved. Try again.',
      );
      saved.value = done.note || 'Saved.';
      // This device's map and room picker show the saved model at once; the component tells others to read it.
      site.model = model;
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      busy.value = false;
    }
  }

  /** Uploads `file` as the plan named after `id` (a floor's, or 'campus'): its path for the draft, or the refusal's text. */
  async function upload(id: string, file: File): Promise<{ path?: string; error: string }> {
    const xmpp = connection.xmpp;
    const config = connection.config;
    if (!xmpp || !config || connection.state !== 'online') return { error: 'You are offline.' };
    try {
      const path = await uploadPlan(
        {
          planHost: config.planHost,
          limits: { maxBytes: config.uploadMaxBytes, quotaBytes: config.uploadQuotaBytes },
          origin: location.origin,
          request: (iq) => request(xmpp, iq, 30_000),
          put: (url, body, headers) => fetch(url, { method: 'PUT', body, headers }),
        },
        file,
        id,
      );
      return { path, error: '' };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  connection.onLogout(() => {
    draft.value = undefined;
    error.value = saved.value = '';
  });

  return { draft, error, saved, busy, load, save, upload };
});
