import { expect, it } from 'vitest';
import { assignments, describeHandEdits, handEdits, keepHandEdits } from './hand-edits.ts';
import { renderConfig } from './render.ts';
import { settingsFrom } from './test-fixtures.ts';

const rendered = renderConfig(settingsFrom());

it('reads the rendered config into options per section', () => {
  const a = assignments(rendered);
  expect(a.find((x) => x.name === 'http_file_share_size_limit')?.section).toBe('share.hospital.example');
  expect(a.find((x) => x.name === 'muc_log_by_default')?.section).toBe('conference.hospital.example');
  expect(a.find((x) => x.name === 'c2s_require_encryption')?.section).toBe('*');
});

it('finds no hand edit when only comments and layout changed', () => {
  const relaid = rendered
    .replace('limits = {', '-- an admin was here\nlimits   =   {')
    .replace('c2s_require_encryption = true', 'c2s_require_encryption = true -- must stay');
  expect(handEdits(relaid, rendered)).toEqual([]);
});

it('reports each option an admin changed, added or removed by hand, in its section', () => {
  const edited = rendered
    .replace('http_file_share_size_limit = 104857600', 'http_file_share_size_limit = 5242880')
    .replace('  default_archive_policy = true', '')
    .replace('default_archive_policy = true', '')
    .replace(/(Component "conference\.hospital\.example" "muc"\n)/, '$1  muc_room_locking = false\n');
  const edits = handEdits(edited, rendered);
  expect(edits).toEqual([
    {
      section: 'conference.hospital.example',
      name: 'muc_room_locking',
      kind: 'added',
      onDisk: '  muc_room_locking = false',
    },
    {
      section: 'share.hospital.example',
      name: 'http_file_share_size_limit',
      kind: 'changed',
      onDisk: '  http_file_share_size_limit = 5242880',
    },
    { section: '*', name: 'default_archive_policy', kind: 'removed', onDisk: '' },
  ]);
  expect(describeHandEdits(edits)).toContain('http_file_share_size_limit (share.hospital.example): changed by hand');
});

it('never shows a hand-edited secret in the report', () => {
  const edited = rendered.replace(/component_secret = "[^"]*"/, 'component_secret = "typed-by-hand-0123456789"');
  expect(describeHandEdits(handEdits(edited, rendered))).not.toContain('typed-by-hand');
});

it('keeps hand edits in a new rendering, and refuses to decide when the new settings change the same option', () => {
  const edited = rendered
    .replace('muc_room_default_history_length = 50', 'muc_room_default_history_length = 20')
    .replace(/(Component "conference\.hospital\.example" "muc"\n)/, '$1  muc_room_locking = false\n');
  const edits = handEdits(edited, rendered);
  const next = renderConfig(settingsFrom({ BLEEP_UPLOAD_EXPIRY_DAYS: '7' }));
  const kept = keepHandEdits(next, edits, rendered);
  expect(kept.ok).toBe(true);
  if (!kept.ok) return;
  expect(kept.config).toContain('muc_room_default_history_length = 20');
  expect(kept.config).toContain('http_file_share_expires_after = 604800');
  expect(
    handEdits(kept.config, next)
      .map((e) => e.name)
      .sort(),
  ).toEqual(['muc_room_default_history_length', 'muc_room_locking']);
  // The editor changes the history length too: which one wins is the admin's call, not ours.
  const clash = renderConfig(settingsFrom({ BLEEP_MUC_MAX_HISTORY: '30' }));
  const r = keepHandEdits(clash, edits, rendered);
  expect(r.ok || r.conflicts.map((c) => c.name)).toEqual(['muc_room_default_history_length']);
});
