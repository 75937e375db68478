// Parts of the site model's schema (site-model.ts) about floor plans: where a
// plan image may live, and a zone (a named polygon on a floor plan).
import { z } from 'zod';

// The app's own plans (/site/), or one an admin uploaded to plans.<domain> (XEP-0363; kept, unlike
// share.<domain>'s uploads: prosody/src/plans.ts): its slot's GET path, same-origin (the PWA server and
// nginx proxy /site_plans/), so the CSP's img-src 'self' covers it and no host is stored. Prosody names the
// slot (a UUID) and keeps the file name we gave.
const OWN = /^\/site\/[a-z0-9-]+\.(svg|png)$/;
const UPLOADED = /^\/site_plans\/[A-Za-z0-9-]{1,64}\/[a-z0-9-]{1,64}\.(svg|png|jpe?g|webp)$/;
export const planPath = z
  .string()
  .refine(
    (p) => OWN.test(p) || UPLOADED.test(p),
    'must be an image under /site/ (.svg or .png) or an uploaded one under /site_plans/',
  );

const fraction = z.number().min(0).max(1);
const point = z.tuple([fraction, fraction]);

/** Twice the signed area of a polygon (the shoelace formula); 0 when its points lie on a line. */
export function doubleArea(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

export const zone = (id: z.ZodType<string>, name: z.ZodType<string>) =>
  z
    .object({
      id,
      name,
      // x, y as rooms have them: 0…1 from the west and south edges of the floor plan.
      points: z
        .array(point)
        .min(3, 'a zone needs at least 3 points')
        .max(64)
        .refine((p) => p.length < 3 || Math.abs(doubleArea(p)) > 1e-6, 'a zone must enclose an area'),
    })
    .strict();
