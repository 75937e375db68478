// Sign-out against a real Prosody: after a token renewal the device holds two
// valid tokens on the server (the renewed one, and the one it replaced until
// the renewed one is first used). Signing out with either must revoke both,
// so that no copy taken before the sign-out still signs in.
import { createHash } from 'node:crypto';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { prosodyShell, signInDevice, type Client, type FastToken } from '@bleep/prosody-config/test-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken } from './revoke.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
const DAY = 86_400;
let prosody: RunningProsody;
const open: Client[] = [];

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice] });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => {})));
});

afterAll(async () => {
  await prosody?.stop();
});

/** Signs alice in on one device with its token, or else the password; returns the tokens issued. */
async function signIn(deviceId: string, saved?: FastToken): Promise<FastToken[]> {
  const password = saved ? 'not-the-password' : alice.password;
  const { tokens } = await signInDevice(prosody.settings, { ...alice, password }, deviceId, saved, open);
  await Promise.all(open.splice(0).map((c) => c.stop()));
  return tokens;
}

/** As if the token issued last to this device were two days old: its next use renews it. */
async function ageNewestToken(deviceId: string): Promise<void> {
  // mod_sasl2_fast's key for the token it issued last: sha256(device id) in hex, then "-new".
  const key = `${createHash('sha256').update(deviceId).digest('hex')}-new`;
  const lua = `local s = require"core.storagemanager".open(${JSON.stringify(prosody.settings.domain)}, "fast_tokens", "map");
    local t = assert(s:get("alice", "${key}"), "no token"); t.issued_at = t.issued_at - ${2 * DAY};
    return assert(s:set("alice", "${key}", t))`;
  await prosodyShell(prosody.configPath, `>${lua.replace(/\n\s*/g, ' ')}`);
}

describe('signing out', () => {
  it.each([
    ['the renewed token', 1],
    ['the token the renewal replaced', 0],
  ])(
    'with %s revokes both tokens of the device',
    // Five sign-ins, three with SCRAM (about 0.35 s each in Node when quiet): 20 s at load 20, 30 s once under more.
    { timeout: 60_000 },
    async (_, signOutWith) => {
      const deviceId = `ward-tablet-${signOutWith}`;
      const [issued] = await signIn(deviceId);
      await ageNewestToken(deviceId);
      const [renewed] = await signIn(deviceId, issued);
      expect(renewed, 'the server renews a token used after a day').toBeDefined();
      // Both still sign in: the renewed one is not used yet.
      const tokens = [issued!, renewed!];

      const at = {
        service: `xmpp://127.0.0.1:${prosody.settings.ports.c2s}`,
        domain: prosody.settings.domain,
        deviceId,
      };
      expect(await revokeToken(at, { username: alice.user, ...tokens[signOutWith]! })).toBe(true);

      for (const t of tokens) await expect(signIn(deviceId, t)).rejects.toThrow(/not-authorized/);
    },
  );
});
