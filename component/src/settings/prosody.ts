// The component's side of prosody/modules/mod_bleep_settings.lua: show, preview and apply the server settings,
// asked of the users' host from ops.<domain>. Prosody runs prosody-config's `settings … --json` and answers with
// its one JSON line, parsed here into typed results (prosody/src/cli/settings.ts, apply/apply.ts).
import { z } from 'zod';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { xml, type Element } from '../xmpp/xml.ts';

const NS = 'urn:bleep:prosody:settings:0';
// Prosody gives up on its CLI after 50 s (bleep_settings_timeout); an apply with a reload takes a few seconds.
const TIMEOUT_MS = 60_000;

const problem = z.object({ setting: z.string(), message: z.string() });
const handEdit = z.object({ section: z.string(), name: z.string() }).loose();
const change = z.object({ key: z.string(), before: z.string(), after: z.string() });

const shown = z.object({
  settings: z.array(
    z.object({ key: z.string(), label: z.string(), value: z.string(), source: z.enum(['edited', '.env', 'default']) }),
  ),
  problems: z.array(problem),
});

const refused = z.object({ ok: z.literal(false), stage: z.literal('refused'), problems: z.array(problem) });

const preview = z.union([
  z.object({
    ok: z.literal(true),
    changed: z.array(z.string()),
    changes: z.array(change),
    atRestart: z.array(z.string()),
    diff: z.string(),
    handEdits: z.array(handEdit),
  }),
  z
    .object({ ok: z.literal(false), problems: z.array(problem) })
    .transform((r) => ({ ...r, stage: 'refused' as const })),
]);

const applied = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    changed: z.array(z.string()),
    changes: z.array(change),
    diff: z.string(),
    atRestart: z.array(z.string()),
    keptHandEdits: z.array(handEdit),
    reloaded: z.boolean(),
  }),
  z.object({ ok: z.literal(false) }).loose(),
]);

const failed = z.union([
  refused,
  z.object({ ok: z.literal(false), stage: z.literal('busy'), holder: z.number() }),
  z.object({
    ok: z.literal(false),
    stage: z.literal('hand-edits'),
    handEdits: z.array(handEdit),
    conflicts: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    stage: z.enum(['check', 'reload']),
    step: z.string(),
    output: z.string(),
    restored: z.boolean(),
  }),
]);

export type ShownSettings = z.infer<typeof shown>;
export type Preview = z.infer<typeof preview>;
export type HandEditPolicy = 'refuse' | 'keep' | 'overwrite';
export type Applied = Extract<z.infer<typeof applied>, { ok: true }> | z.infer<typeof failed>;
export type HandEdit = z.infer<typeof handEdit>;

export class ProsodySettings {
  private readonly iq: IqCaller;
  private readonly domain: string;

  constructor(iq: IqCaller, domain: string) {
    this.iq = iq;
    this.domain = domain;
  }

  async show(): Promise<ShownSettings> {
    return shown.parse(await this.ask('get', xml('show', { xmlns: NS })));
  }

  async preview(edits: Readonly<Record<string, string>>): Promise<Preview> {
    return preview.parse(await this.ask('get', xml('preview', { xmlns: NS }, ...sets(edits))));
  }

  async apply(edits: Readonly<Record<string, string>>, handEdits: HandEditPolicy): Promise<Applied> {
    const json = await this.ask('set', xml('apply', { xmlns: NS, 'hand-edits': handEdits }, ...sets(edits)));
    const r = applied.parse(json);
    return r.ok ? r : failed.parse(json);
  }

  /** The JSON Prosody's CLI printed. */
  private async ask(type: 'get' | 'set', payload: Element): Promise<unknown> {
    const reply = await this.iq.request(xml('iq', { type, to: this.domain }, payload), TIMEOUT_MS);
    return JSON.parse(reply.getChild('result', NS)?.text() ?? '') as unknown;
  }
}

const sets = (edits: Readonly<Record<string, string>>): Element[] =>
  Object.entries(edits).map(([key, value]) => xml('set', { key, value }));
