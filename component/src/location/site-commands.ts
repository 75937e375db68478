// The site model's commands: `site` (staff: the model, for the room picker
// and the map) and `site-edit` (admins: replace it; the PWA's Admin → Site
// model builds the JSON; a save is announced to staff online, site-live.ts). The model travels as JSON in one text-multi field: it is a tree
// (buildings → floors → rooms) that XEP-0004 tables cannot hold. Its version
// travels beside it: a save from an editor that has not seen the last one is
// refused, so two admins never silently overwrite each other.
import { randomUUID } from 'node:crypto';
import { FORM_SITE, LOCATION_COMMANDS, SITE_FIELDS, type SiteModel } from '@bleep/protocol';
import type { SiteStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FieldDef, FormDef } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Locations } from './locations.ts';
import { parseSiteModel } from './site-model.ts';
import { siteVersion } from './site-version.ts';

// Carried back unchanged by any client; left out, the save is not checked (as before versions).
const VERSION_FIELD: FieldDef = { var: SITE_FIELDS.version, type: 'hidden', label: 'Version', maxLength: 64 };

export const SITE_FORM: FormDef = {
  formType: FORM_SITE,
  title: 'Site model',
  instructions:
    'The hospital as JSON: campus {name, plan, bounds}, buildings [{id, name, bounds, floors [{id, name, plan, rooms [{id, name, x, y}], zones [{id, name, points [[x, y], …]}]}]}]. ' +
    'bounds are [[south, west], [north, east]]; x and y place a room or a zone corner on its floor plan, 0 to 1 from the west and south edges. ' +
    'A plan is an image under /site/ or an uploaded one under /site_plans/.',
  fields: [
    // One value per line of JSON: a large campus has thousands (the stanza itself is bounded by Prosody, 256 KiB).
    {
      var: SITE_FIELDS.model,
      type: 'text-multi',
      label: 'Site model (JSON)',
      required: true,
      maxLength: 4000,
      maxValues: 20_000,
    },
    VERSION_FIELD,
  ],
};

/** What a save answers: the new version, for the editor's next save. */
const SAVED_FORM: FormDef = { formType: FORM_SITE, title: 'Site model saved', fields: [VERSION_FIELD] };

const lines = (model: unknown) => JSON.stringify(model, null, 1).split('\n');
const shown = (model: SiteModel) => ({
  [SITE_FIELDS.model]: lines(model),
  [SITE_FIELDS.version]: siteVersion(model),
});

export function siteCommand(locations: Locations): Command {
  return {
    node: LOCATION_COMMANDS.site,
    name: 'Site model',
    permission: 'staff',
    run: async () => ({ kind: 'done', form: SITE_FORM, values: shown(await locations.site()) }),
  };
}

export function siteEditCommand(
  locations: Locations,
  site: SiteStore,
  announce: (by: string, version: string) => void,
): Command {
  // One save at a time, so a version checked is still the saved one when the save lands; and who saved last.
  let queue: Promise<unknown> = Promise.resolve();
  let last = '';
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };
  return {
    node: LOCATION_COMMANDS.siteEdit,
    name: 'Edit the site model',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0)
        return {
          kind: 'form',
          form: SITE_FORM,
          values: shown(await locations.site()),
          last: true,
        };
      const text = [input![SITE_FIELDS.model] as readonly string[]].flat().join('\n');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new BleepError('bad-form', `The site model is not JSON: ${(err as Error).message}.`);
      }
      const parsed = parseSiteModel(json);
      if (!parsed.ok) throw new BleepError('bad-form', `The site model has problems: ${parsed.problems.join('; ')}.`);
      const seen = input![SITE_FIELDS.version];
      const version = await oneAtATime(async () => {
        if (typeof seen === 'string' && seen && seen !== siteVersion(await locations.site()))
          throw new BleepError(
            'site-changed',
            last
              ? `${last} saved the site model since you opened it. Nothing was saved; reload to see their change.`
              : undefined,
          );
        await site.save(parsed.model, {
          id: randomUUID(),
          at: new Date().toISOString(),
          actor: caller.bare,
          action: LOCATION_COMMANDS.siteEdit,
        });
        locations.setSite(parsed.model);
        last = caller.bare;
        return siteVersion(parsed.model);
      });
      announce(caller.bare, version);
      const rooms = parsed.model.buildings.flatMap((b) => b.floors.flatMap((f) => f.rooms)).length;
      return {
        kind: 'done',
        form: SAVED_FORM,
        values: { [SITE_FIELDS.version]: version },
        note: `Saved the site model: ${parsed.model.buildings.length} buildings, ${rooms} rooms.`,
      };
    },
  };
}
