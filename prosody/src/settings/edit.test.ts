import { describe, expect, it } from 'vitest';
import { goodEnv } from '../test-fixtures.ts';
import { proposeEdit } from './edit.ts';
import { checkOverlay, mergeOverlay, overlayText, parseAssignments } from './overlay.ts';
import { parseEnv } from 'node:util';

const edit = (args: string[], overlay: Record<string, string> = {}) => {
  const parsed = parseAssignments(args);
  expect(parsed.problems).toEqual([]);
  return proposeEdit(goodEnv, overlay, parsed.edits, '/');
};
const refusal = (args: string[], setting: string) => {
  const r = edit(args);
  expect(r.ok).toBe(false);
  const found = r.ok ? [] : r.problems.filter((p) => p.setting === setting);
  expect(found).toHaveLength(1);
  return found[0]!.message;
};

describe('an admin edit of the settings', () => {
  it('changes the upload limit over .env and says which key moved', () => {
    const r = edit(['BLEEP_UPLOAD_MAX_BYTES=52428800', 'BLEEP_ADMINS=admin@hospital.example']);
    expect(r.ok && r.settings.upload.maxBytes).toBe(52428800);
    expect(r.ok && r.changed).toEqual(['BLEEP_UPLOAD_MAX_BYTES']);
    expect(r.ok && r.overlay).toEqual({ BLEEP_UPLOAD_MAX_BYTES: '52428800', BLEEP_ADMINS: 'admin@hospital.example' });
  });

  it('refuses federation, open registration and clients without TLS with the .env reasons', () => {
    expect(refusal(['BLEEP_FEDERATION=true'], 'BLEEP_FEDERATION')).toMatch(/patient data must stay on this server/);
    expect(refusal(['BLEEP_REGISTRATION=open'], 'BLEEP_REGISTRATION')).toMatch(/anyone who reaches the server/);
    // Plain authentication without TLS is what c2s without TLS allows: passwords would cross in clear.
    expect(refusal(['BLEEP_C2S_REQUIRE_TLS=false'], 'BLEEP_C2S_REQUIRE_TLS')).toMatch(/passwords .* in clear/);
  });

  it('refuses values the schema refuses, and rules across keys, with the reason', () => {
    expect(refusal(['BLEEP_SIGNIN_TOKEN_DAYS=365'], 'BLEEP_SIGNIN_TOKEN_DAYS')).toMatch(/at most 90 days/);
    expect(refusal(['BLEEP_UPLOAD_QUOTA_BYTES=10'], 'BLEEP_UPLOAD_QUOTA_BYTES')).toMatch(/could never be uploaded/);
    expect(refusal(['BLEEP_ADMINS=root@elsewhere.example'], 'BLEEP_ADMINS')).toMatch(/not on hospital.example/);
    expect(refusal(['BLEEP_UPLOAD_MAX_BYTES=lots'], 'BLEEP_UPLOAD_MAX_BYTES')).toBeTruthy();
    expect(refusal(['BLEEP_C2S_RATE_KB=64'], 'BLEEP_C2S_RATE_KB')).toMatch(/at least 100 kB\/s/);
  });

  it('refuses keys that cannot change on a running server, and what is not KEY=VALUE', () => {
    const r = parseAssignments(['BLEEP_DOMAIN=other.example', 'BLEEP_COMPONENT_SECRET=x', 'nonsense']);
    expect(r.edits).toEqual({});
    expect(r.problems.map((p) => p.setting)).toEqual(['nonsense', 'BLEEP_DOMAIN', 'BLEEP_COMPONENT_SECRET']);
    expect(r.problems[1]!.message).toMatch(/edit it in .env and restart/);
    expect(checkOverlay({ BLEEP_STORAGE: 'sqlite' }).problems).toHaveLength(1);
  });

  it('an empty value takes a key back to its .env value', () => {
    expect(
      mergeOverlay({ BLEEP_UPLOAD_MAX_BYTES: '1', BLEEP_ADMINS: 'a@b.c' }, { BLEEP_UPLOAD_MAX_BYTES: '' }),
    ).toEqual({
      BLEEP_ADMINS: 'a@b.c',
    });
    const r = edit(['BLEEP_UPLOAD_MAX_BYTES='], { BLEEP_UPLOAD_MAX_BYTES: '1000' });
    expect(r.ok && r.settings.upload.maxBytes).toBe(100 * 1024 * 1024);
    expect(r.ok && r.changed).toEqual(['BLEEP_UPLOAD_MAX_BYTES']);
  });

  it('writes the overlay as a .env file that reads back the same', () => {
    const overlay = { BLEEP_ADMINS: 'a@hospital.example,b#2@hospital.example', BLEEP_MUC_ARCHIVED: 'false' };
    expect(parseEnv(overlayText(overlay, 'test'))).toEqual(overlay);
  });
});

it('refuses a key that is not editable whoever passes it, not only the CLI', () => {
  const r = proposeEdit(goodEnv, {}, { BLEEP_DOMAIN: 'other.example' }, '/');
  expect(r.ok || r.problems.map((p) => p.setting)).toEqual(['BLEEP_DOMAIN']);
});
