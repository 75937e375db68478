// Site plans on plans.<domain>: only Prosody's admins get an upload slot, and nobody does when there are none
// (mod_http_file_share alone would give every user one then). A refusal says who may.
import { afterAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './runner/index.ts';
import { login, xml, type Client } from './runner/test-client.ts';

const admin = { user: 'admin', password: 'admin-password-1' };
const nurse = { user: 'nurse', password: 'nurse-password-1' };
const running: { stop(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const r of running.reverse()) await r.stop();
});

async function start(admins: string): Promise<RunningProsody> {
  const prosody = await startTestProsody({
    overrides: { BLEEP_ADMINS: admins },
    accounts: [admin, nurse],
  });
  running.push(prosody);
  return prosody;
}

async function signIn(prosody: RunningProsody, who: typeof admin): Promise<Client> {
  const client = await login(prosody.settings, who);
  running.push(client);
  return client;
}

const askSlot = (prosody: RunningProsody, client: Client) =>
  client.iqCaller.request(
    xml(
      'iq',
      { type: 'get', to: prosody.settings.planHost },
      xml('request', {
        xmlns: 'urn:xmpp:http:upload:0',
        filename: 'plan-f1.png',
        size: '1000',
        'content-type': 'image/png',
      }),
    ),
  );

/** The refusal's condition and text, as a client shows them. */
async function refusal(p: Promise<unknown>): Promise<{ condition: string; text: string }> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as { condition?: string; text?: string } | undefined;
  return { condition: err?.condition ?? 'granted', text: err?.text ?? '' };
}

describe('plans.<domain> with no admins', () => {
  it("refuses a user's slot request with a readable error", async () => {
    const prosody = await start('');
    const nurseClient = await signIn(prosody, nurse);
    expect(await refusal(askSlot(prosody, nurseClient))).toEqual({
      condition: 'forbidden',
      text: expect.stringMatching(/Only the server's admins .* may upload site plans/),
    });
  });
});

describe('plans.<domain> with an admin', () => {
  it('gives the admin a slot and refuses the nurse', async () => {
    const prosody = await start('admin@bleep.localhost');
    const adminClient = await signIn(prosody, admin);
    const slot = await askSlot(prosody, adminClient);
    expect(slot.getChild('slot', 'urn:xmpp:http:upload:0')?.getChild('put')?.attrs.url).toContain('/site_plans/');
    const nurseClient = await signIn(prosody, nurse);
    expect((await refusal(askSlot(prosody, nurseClient))).condition).toBe('forbidden');
  });
});
