// Expired sign-in (FAST) tokens of devices that never came back are deleted from Prosody when the component asks
// (its daily housekeeping, mod_bleep_accounts' sweep-tokens); a device's valid token stays and still signs in.
import { createHash } from 'node:crypto';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { prosodyShell, signInDevice, type Client } from '@bleep/prosody-config/test-client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startComponent, type RunningComponent } from '../index.ts';
import { createLogger } from '../log.ts';
import type { Service } from '../service.ts';
import { TOKENS_SWEEP } from './index.ts';
import { ProsodyAccounts } from './prosody.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody;
let component: RunningComponent | undefined;
let accounts: ProsodyAccounts;
const open: Client[] = [];
// The component's own link to mod_bleep_accounts (it answers ops.<domain> alone).
const link: Service = {
  name: 'test-accounts-link',
  register: ({ iq, config }) => void (accounts = new ProsodyAccounts(iq, config.domain)),
};
beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice] });
  component = await startComponent({ settings: prosody.settings, logger: createLogger('silent'), services: [link] });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => {})));
});
afterAll(async () => {
  await component?.stop();
  await prosody?.stop();
});

// mod_sasl2_fast's key for a device's newest token: sha256(device id) in hex, then "-new".
const keyOf = (device: string) => `${createHash('sha256').update(device).digest('hex')}-new`;
const tokens = (lua: string) =>
  prosodyShell(
    prosody.configPath,
    `>local s = require"core.storagemanager".open(${JSON.stringify(prosody.settings.domain)}, "fast_tokens", "map"); ${lua}`,
  );
const kept = async (device: string) =>
  (await tokens(`return s:get("alice", "${keyOf(device)}") and "kept" or "gone"`)).includes('kept');

it(
  'deletes the expired token of a device that never came back; a valid one stays and signs in',
  { timeout: 60_000 },
  async () => {
    // The daily sweep's first run, as the component came online, is over before the test makes a token expire.
    const today = `${TOKENS_SWEEP}:${new Date().toISOString().slice(0, 10)}`;
    await expect
      .poll(async () => (await component!.store.timers.get(today))?.firedAt, { timeout: 15_000 })
      .toBeDefined();
    const [lost] = (await signInDevice(prosody.settings, alice, 'lost-phone', undefined, open)).tokens;
    const [tablet] = (await signInDevice(prosody.settings, alice, 'ward-tablet', undefined, open)).tokens;
    expect(lost && tablet).toBeTruthy();
    await tokens(
      `local t = assert(s:get("alice", "${keyOf('lost-phone')}")); t.expires_at = os.time() - 60; assert(s:set("alice", "${keyOf('lost-phone')}", t))`,
    );

    expect(await accounts.sweepTokens()).toBe(1);
    expect(await kept('lost-phone')).toBe(false);
    expect(await kept('ward-tablet')).toBe(true);
    const again = await signInDevice(
      prosody.settings,
      { ...alice, password: 'not-the-password' },
      'ward-tablet',
      tablet,
      open,
    );
    expect(again.client.jid?.toString()).toMatch(/^alice@/);
  },
);
