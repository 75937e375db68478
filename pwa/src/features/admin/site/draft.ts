// The site model as the editor changes it: a mutable copy of the model
// (protocol: SiteModel) and the tree's operations: add, delete, reorder
// (rename is v-model on a name). The component validates the whole on save
// (site-edit lists every problem); ids of new items are made unique here so a
// slip of the keyboard is not the first thing it refuses.
import type { PlanPoint, SiteModel } from '@bleep/protocol';

// Homomorphic, so arrays and the [x, y] and bounds tuples stay what they are, only writable.
type Mutable<T> = T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
export type Draft = Mutable<SiteModel>;
export type DraftBuilding = Draft['buildings'][number];
export type DraftFloor = DraftBuilding['floors'][number];
export type DraftRoom = DraftFloor['rooms'][number];
export type DraftZone = NonNullable<DraftFloor['zones']>[number];

/** A deep copy; through JSON, as the model travels, and because structuredClone refuses Vue's reactive proxies. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The editor's copy of `m`; every floor has a zones list (maybe empty) to add to. */
export function draftOf(m: SiteModel): Draft {
  const d = copy(m) as Draft;
  for (const b of d.buildings) for (const f of b.floors) f.zones ??= [];
  return d;
}

/** An id the site model accepts (a-z, 0-9, -), from a name, not yet in `taken`. */
export function idFor(name: string, taken: readonly { id: string }[], fallback: string): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  const ids = new Set(taken.map((t) => t.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Moves item `i` of `list` up (-1) or down (+1); nothing past either end. */
export function move<T>(list: T[], i: number, by: -1 | 1): void {
  const j = i + by;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j]!, list[i]!];
}

export const remove = <T>(list: T[], i: number): void => void list.splice(i, 1);

export function addBuilding(d: Draft, name: string): DraftBuilding {
  // A building needs bounds and a floor: the middle of the campus and the campus plan, until the admin changes them.
  const [[s, w], [n, e]] = d.campus.bounds;
  const [dy, dx] = [(n - s) / 4, (e - w) / 4];
  const b: DraftBuilding = {
    id: idFor(name, d.buildings, 'building'),
    name,
    bounds: [
      [s + dy, w + dx],
      [n - dy, e - dx],
    ],
    floors: [],
  };
  addFloor(b, 'Ground floor', d.campus.plan);
  d.buildings.push(b);
  return b;
}

export function addFloor(
  b: DraftBuilding,
  name: string,
  plan = b.floors.at(-1)?.plan ?? '/site/campus.svg',
): DraftFloor {
  const f: DraftFloor = { id: idFor(name, b.floors, 'floor'), name, plan, rooms: [], zones: [] };
  b.floors.push(f);
  return f;
}

/** A new room in the middle of the plan, to be placed by a click. */
export function addRoom(f: DraftFloor, name: string, at: PlanPoint = [0.5, 0.5]): DraftRoom {
  const r: DraftRoom = { id: idFor(name, [...f.rooms, ...(f.zones ?? [])], 'room'), name, x: at[0], y: at[1] };
  f.rooms.push(r);
  return r;
}

/** A new zone: a rectangle around the middle of the plan, its corners then dragged into place. */
export function addZone(f: DraftFloor, name: string): DraftZone {
  const z: DraftZone = {
    id: idFor(name, [...f.rooms, ...(f.zones ?? [])], 'zone'),
    name,
    points: [
      [0.35, 0.35],
      [0.65, 0.35],
      [0.65, 0.65],
      [0.35, 0.65],
    ],
  };
  (f.zones ??= []).push(z);
  return z;
}

/** The model site-edit gets: a floor without zones carries none (as models before zones had). */
export function toModel(d: Draft): SiteModel {
  const m = copy(d);
  for (const b of m.buildings) for (const f of b.floors) if (!f.zones?.length) delete f.zones;
  return m;
}
