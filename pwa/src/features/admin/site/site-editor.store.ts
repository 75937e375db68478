// Admin → Site model (issue #13 part 3): a draft of the model the staff's
// `site` command gives, changed in the tree and on the floor plans, and saved
// whole with `site-edit`. The component validates (every problem listed) and
// audits (target 'site', before and after); a refusal shows its reasons.
// When another save is pushed (site-changed), an editor without unsaved edits
// takes it in place; one with edits says whose change it is and that saving
// will overwrite it. A save names the version it started from, so one that
// missed a change is refused rather than overwriting it unseen.
import { LOCATION_COMMANDS, SITE_FIELDS } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useConnection } from '../../../xmpp/connection.store.ts';
import { formValues } from '../../../xmpp/dataform.ts';
import { request } from '../../../xmpp/session.ts';
import { useDirectory } from '../../directory/directory.store.ts';
import { useSite } from '../../location/site.store.ts';
import { useComplete } from '../complete.ts';
import { draftOf, toModel, type Draft } from './draft.ts';
import { uploadPlan } from './plan-upload.ts';

export const useSiteEditor = defineStore('admin-site', () => {
  const connection = useConnection();
  const site = useSite();
  const complete = useComplete();
  const directory = useDirectory();
  const draft = ref<Draft>();
  const error = ref('');
  const saved = ref('');
  const busy = ref(false);
  /** The model and version the draft started from: edits are what differs from it; a save names the version. */
  const base = ref({ json: '', version: '' });
  /** Another admin's save this draft has not taken in, said to the user; '' when none. */
  const warning = ref('');
  const edited = computed(() => !!draft.value && JSON.stringify(toModel(draft.value)) !== base.value.json);

  /** The draft becomes the model as last read, unsaved edits dropped. */
  function adopt(): void {
    if (!site.model) return;
    draft.value = draftOf(site.model);
    base.value = { json: JSON.stringify(toModel(draft.value)), version: site.version };
    warning.value = '';
  }

  async function load(): Promise<void> {
    await site.load();
    adopt();
    error.value = site.error;
    saved.value = '';
  }

  // A save pushed by the component (site.store reads the model again): in place, or a warning over unsaved edits.
  watch(
    () => site.version,
    (version) => {
      if (!draft.value || busy.value || !version || version === base.value.version) return;
      if (!edited.value) return adopt();
      const who = site.changedBy ? directory.nameOf(site.changedBy) : 'Another admin';
      warning.value = `${who} changed the site model; reload to see it — saving now will overwrite it.`;
    },
  );

  async function save(): Promise<void> {
    if (!draft.value) return;
    [busy.value, error.value, saved.value] = [true, '', ''];
    const model = toModel(draft.value);
    // Warned, the admin saves over the change they were told of; else over the version they opened, or not at all.
    const version = warning.value ? site.version : base.value.version;
    try {
      const lines = JSON.stringify(model, null, 1).split('\n');
      const done = await complete(
        LOCATION_COMMANDS.siteEdit,
        { [SITE_FIELDS.model]: lines, [SITE_FIELDS.version]: version },
        'The site model was not saved. Try again.',
      );
      saved.value = done.note || 'Saved.';
      const now = (done.x && formValues(done.x).get(SITE_FIELDS.version)?.[0]) ?? '';
      base.value = { json: JSON.stringify(model), version: now };
      warning.value = '';
      // This device's map and room picker show the saved model at once; the component tells others to read it.
      [site.model, site.version] = [model, now];
    } catch (err) {
      error.value = (err as Error).message;
      // Refused as stale: read the model again, so the warning says whose change it is and Reload shows it.
      void site.load();
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
    error.value = saved.value = warning.value = '';
  });

  return { draft, error, saved, busy, warning, edited, load, reload: adopt, save, upload };
});
