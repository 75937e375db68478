// XEP-0030 service discovery for the component and its command nodes.
// https://xmpp.org/extensions/xep-0030.html · XEP-0050 §2.1, §2.4
import { NS_COMMANDS, NS_DATA, NS_DISCO_INFO, NS_DISCO_ITEMS, NS_PING } from '@bleep/protocol';
import type { Commands } from './adhoc.ts';
import { BleepError, quote } from './errors.ts';
import type { Router } from './router.ts';
import { xml } from './xml.ts';

const FEATURES = [NS_DISCO_INFO, NS_DISCO_ITEMS, NS_COMMANDS, NS_DATA, NS_PING];

export function registerDisco(router: Router, commands: Commands, jid: string, name: string): void {
  router.iq('get', NS_DISCO_INFO, 'query', async ({ caller, payload }) => {
    const node = payload.attrs.node;
    if (!node)
      return xml(
        'query',
        { xmlns: NS_DISCO_INFO },
        xml('identity', { category: 'component', type: 'generic', name }),
        ...FEATURES.map((f) => xml('feature', { var: f })),
      );
    if (node === NS_COMMANDS)
      return xml(
        'query',
        { xmlns: NS_DISCO_INFO, node },
        xml('identity', { category: 'automation', type: 'command-list', name: 'Commands' }),
      );
    const command = commands.get(node);
    if (!command || !(await command.allowed(caller))) throw new BleepError('unknown-command');
    // XEP-0050 §2.4: a command node is an automation/command-node with these features.
    return xml(
      'query',
      { xmlns: NS_DISCO_INFO, node },
      xml('identity', { category: 'automation', type: 'command-node', name: command.name }),
      xml('feature', { var: NS_COMMANDS }),
      xml('feature', { var: NS_DATA }),
    );
  });

  router.iq('get', NS_DISCO_ITEMS, 'query', async ({ caller, payload }) => {
    const node = payload.attrs.node;
    if (!node) return xml('query', { xmlns: NS_DISCO_ITEMS });
    if (node !== NS_COMMANDS) throw new BleepError('unknown-command', `There is no node ${quote(node)} here.`);
    const visible = await commands.visible(caller);
    return xml(
      'query',
      { xmlns: NS_DISCO_ITEMS, node },
      ...visible.map((c) => xml('item', { jid, node: c.node, name: c.name })),
    );
  });

  // XEP-0199: lets clients and monitoring check the component is alive.
  router.iq('get', NS_PING, 'ping', () => undefined);
}
