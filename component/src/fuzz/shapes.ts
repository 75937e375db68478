// The commands an account sees listed, with the form each one's first step
// shows: what the fuzzer fills in and then mutates. Read from the running
// component, so a new command is fuzzed without a word here.
import { NS_COMMANDS, NS_DATA, NS_DISCO_ITEMS } from '@bleep/protocol';
import { xml, type Client } from '@bleep/prosody-config/test-client';
import type { CommandShape } from './seeds.ts';
import type { Watch } from './watch.ts';

export async function commandShapes(client: Client, watch: Watch, ops: string): Promise<CommandShape[]> {
  const list = await watch.request(
    client,
    xml('iq', { type: 'get', to: ops }, xml('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS })),
  );
  const nodes = (list?.getChild('query', NS_DISCO_ITEMS)?.getChildren('item') ?? []).map((i) => i.attrs.node!);
  const shapes: CommandShape[] = [];
  for (const node of nodes) {
    const cmd = (attrs: Record<string, string>) =>
      xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }));
    const first = (await watch.request(client, cmd({ action: 'execute' })))?.getChild('command', NS_COMMANDS);
    const form = first?.attrs.status === 'executing' ? first.getChild('x', NS_DATA) : undefined;
    if (!form) {
      shapes.push({ node });
      continue;
    }
    const fields = form.getChildren('field').map((f) => ({
      var: f.attrs.var!,
      type: f.attrs.type ?? 'text-single',
      options: f.getChildren('option').map((o) => o.getChildText('value') ?? ''),
      values: f.getChildren('value').map((v) => v.text()),
    }));
    const formType =
      form
        .getChildren('field')
        .find((f) => f.attrs.var === 'FORM_TYPE')
        ?.getChildText('value') ?? undefined;
    shapes.push({ node, fields, ...(formType ? { formType } : {}) });
    await watch.request(client, cmd({ sessionid: first!.attrs.sessionid!, action: 'cancel' }));
  }
  return shapes;
}
