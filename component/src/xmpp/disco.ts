// XEP-0030 service discovery for the component and its command nodes. The
// features and identities are what the services declare (service.ts), so a
// new service shows up here by registering, not by editing a list.
// https://xmpp.org/extensions/xep-0030.html · XEP-0050 §2.1, §2.4
import { NS_COMMANDS, NS_DATA, NS_DISCO_INFO, NS_DISCO_ITEMS, NS_PING } from '@bleep/protocol';
import type { Commands } from './adhoc.ts';
import { BleepError, quote } from './errors.ts';
import type { Router } from './router.ts';
import { xml } from './xml.ts';

export interface Identity {
  readonly category: string;
  readonly type: string;
  readonly name?: string;
}

/** What disco itself and ad-hoc commands bring. */
export const CORE_FEATURES = [NS_DISCO_INFO, NS_DISCO_ITEMS, NS_COMMANDS, NS_DATA, NS_PING];

export interface DiscoInfo {
  readonly jid: string;
  readonly identities: readonly Identity[];
  readonly features: readonly string[];
}

export function registerDisco(router: Router, commands: Commands, info: DiscoInfo): void {
  // XEP-0030 §3.1: each feature once; the order is the services' order.
  const features = [...new Set(info.features)];
  router.iq('get', NS_DISCO_INFO, 'query', async ({ caller, payload }) => {
    const node = payload.attrs.node;
    if (!node)
      return xml(
        'query',
        { xmlns: NS_DISCO_INFO },
        ...info.identities.map((i) => xml('identity', { ...i })),
        ...features.map((f) => xml('feature', { var: f })),
      );
    if (node === NS_COMMANDS)
      return xml(
        'query',
        { xmlns: NS_DISCO_INFO, node },
        xml('identity', { category: 'automation', type: 'command-list', name: 'Commands' }),
      );
    const command = commands.get(node);
    if (!command || !(await commands.may(caller, command))) throw new BleepError('unknown-command');
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
      ...visible.map((c) => xml('item', { jid: info.jid, node: c.node, name: c.name })),
    );
  });

  // XEP-0199: lets clients and monitoring check the component is alive.
  router.iq('get', NS_PING, 'ping', () => undefined);
}
