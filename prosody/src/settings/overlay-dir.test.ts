// Where the admins' overlay is read from: the data dir, or BLEEP_OVERLAY_DIR
// (the component in docker reads Prosody's; docker-compose.yml mounts it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadSettings } from './load.ts';
import { OVERLAY_FILE } from './overlay.ts';

const root = mkdtempSync(join(tmpdir(), 'bleep-overlay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// What Prosody's side applied: a smaller upload limit, in its own data dir.
writeFileSync(join(root, OVERLAY_FILE), 'BLEEP_UPLOAD_MAX_BYTES="1000"\n');

const env = { BLEEP_DATA_DIR: join(root, 'component'), BLEEP_COMPONENT_SECRET: 'c2VjcmV0'.repeat(6) };
const uploadLimit = (extra: Record<string, string>) => {
  const r = loadSettings({ cwd: root, envFile: '/nonexistent', env: { ...env, ...extra } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings.upload.maxBytes;
};

it("reads the admins' overlay from BLEEP_OVERLAY_DIR when set, else from the data dir", () => {
  expect(uploadLimit({ BLEEP_OVERLAY_DIR: root })).toBe(1000);
  expect(uploadLimit({})).toBe(100 * 1024 * 1024);
});
