// The fuzz run's stored-data check on the site model (site-edit): a change is
// explained only by an audited save of exactly what is stored, and what is
// stored must still be a valid model.
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../location/demo-site.ts';
import type { AuditRecord } from '../store/types.ts';
import { unexplained, type Snapshot } from './snapshot.ts';

const ADMIN = 'admin@h.example';
const renamed = { ...DEMO_SITE, campus: { ...DEMO_SITE.campus, name: 'Fuzz Ward é' } };
const save = (after: unknown, at = '2026-12-01T01:00:00.000Z'): AuditRecord => ({
  id: `a-${at}-${JSON.stringify(after).length}`,
  at,
  actor: ADMIN,
  action: 'site-edit',
  target: 'site',
  before: DEMO_SITE,
  after,
});
const snap = (site: unknown, audit: AuditRecord[] = []): Snapshot => ({ entries: new Map(), audit, site });
const check = (after: Snapshot) => unexplained(snap(DEMO_SITE), after, ADMIN, 'h.example');

describe('unexplained: the site model', () => {
  it('takes a change that the newest audited save explains', () => {
    expect(check(snap(DEMO_SITE))).toEqual([]);
    expect(check(snap(renamed, [save(renamed)]))).toEqual([]);
    // Newest first: an older save of something else does not matter.
    expect(check(snap(renamed, [save(renamed, '2026-12-01T01:00:01.000Z'), save({ bogus: 1 })]))).toEqual([]);
  });

  it('names a change no save explains, one that differs from the last save, and a stored model that is not valid', () => {
    expect(check(snap(renamed))).toEqual(['the site model changed without an audited save']);
    expect(check(snap(renamed, [save(DEMO_SITE, '2026-12-01T01:00:01.000Z'), save(renamed)]))).toEqual([
      'the site model differs from its last audited save',
    ]);
    const broken = { ...DEMO_SITE, buildings: 'none' };
    expect(check(snap(broken, [save(broken)]))[0]).toMatch(/^the stored site model is not valid: /);
  });
});
