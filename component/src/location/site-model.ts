// The site model's shape, declared once (zod): what site-edit accepts, with
// every problem listed. Ids are short slugs, so they fit in <building/>,
// <floor/> and <room/>; names are what people read.
import type { SiteModel } from '@bleep/protocol';
import { z } from 'zod';
import { planPath, zone } from './site-zone.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a short id: a-z, 0-9 and -');
const name = z.string().trim().min(1).max(100);
const plan = planPath;
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const bounds = z
  .tuple([z.tuple([lat, lon]), z.tuple([lat, lon])])
  .refine(([sw, ne]) => sw[0] < ne[0] && sw[1] < ne[1], 'must be [[south, west], [north, east]]');
const unique = <T extends { id: string }>(what: string) =>
  z.array(z.any()).superRefine((items: T[], ctx) => {
    const seen = new Set<string>();
    for (const i of items) {
      if (seen.has(i.id)) ctx.addIssue({ code: 'custom', message: `two ${what} with the id "${i.id}"` });
      seen.add(i.id);
    }
  });
const fraction = z.number().min(0).max(1);

const room = z.object({ id, name, x: fraction, y: fraction }).strict();
// zones: optional, so models stored before zones existed still load.
const floor = z
  .object({ id, name, plan, rooms: z.array(room).max(500), zones: z.array(zone(id, name)).max(200).optional() })
  .strict();
const building = z.object({ id, name, bounds, floors: z.array(floor).min(1).max(50) }).strict();
const schema = z
  .object({
    campus: z.object({ name, plan, bounds }).strict(),
    buildings: z.array(building).min(1).max(50),
  })
  .strict()
  .superRefine((m, ctx) => {
    const check = (items: { id: string }[], what: string) => {
      const r = unique(what).safeParse(items);
      if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
    };
    check(m.buildings, 'buildings');
    for (const b of m.buildings) {
      check(b.floors, `floors in ${b.id}`);
      for (const f of b.floors) {
        check(f.rooms, `rooms on ${b.id}/${f.id}`);
        check(f.zones ?? [], `zones on ${b.id}/${f.id}`);
      }
    }
  });

export type SiteParse = { ok: true; model: SiteModel } | { ok: false; problems: string[] };

export function parseSiteModel(input: unknown): SiteParse {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, model: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || 'model'}: ${i.message}`) };
}
