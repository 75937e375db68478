// The page's open command sessions: kept while executing, dropped when done or
// cancelled, and each one cancelled when the page is hidden (reload, close).
import { NS_COMMANDS } from '@bleep/protocol';
import type { Client, XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { commandIq, type CommandStep } from './command.ts';
import { OpenSessions } from './open-sessions.ts';
import { openSessions } from './run.ts';

const OPS = 'ops.h.example';
const step = (node: string, sessionid: string, status: string): CommandStep => ({
  node,
  sessionid,
  status,
  actions: [],
  form: undefined,
  note: '',
  x: undefined,
});
const cancelled = (sent: XmlElement[]) =>
  sent.map((iq) => {
    const c = iq.getChild('command', NS_COMMANDS)!;
    return [iq.attrs.type, iq.attrs.to, iq.attrs.id, c.attrs.node, c.attrs.action, c.attrs.sessionid];
  });

describe('open command sessions', () => {
  it('keeps the executing ones, drops completed and cancelled ones, and cancels the rest once', () => {
    const open = new OpenSessions();
    open.note(commandIq(OPS, 'preset-edit', 'execute'), step('preset-edit', 's1', 'executing'));
    open.note(commandIq(OPS, 'template-edit', 'execute'), step('template-edit', 's2', 'executing'));
    open.note(commandIq(OPS, 'whoami', 'execute'), step('whoami', 's3', 'completed'));
    open.note(commandIq(OPS, 'alarm', 'execute'), step('alarm', 's4', 'executing'));
    open.note(commandIq(OPS, 'alarm', 'complete', 's4'), step('alarm', 's4', 'completed'));
    // A cancel counts as sent, whatever its answer (or none).
    open.note(commandIq(OPS, 'template-edit', 'cancel', 's2'));
    expect(open.size).toBe(1);

    const sent: XmlElement[] = [];
    open.cancelAll(OPS, (iq) => sent.push(iq));
    expect(cancelled(sent)).toEqual([['set', OPS, 'cancel-s1', 'preset-edit', 'cancel', 's1']]);
    open.cancelAll(OPS, (iq) => sent.push(iq));
    expect(sent).toHaveLength(1);
  });

  it("cancels a stream's open sessions when its page is hidden, even if one send throws", async () => {
    const sent: XmlElement[] = [];
    const client = {
      send: (iq: XmlElement) => {
        sent.push(iq);
        return sent.length === 1 ? Promise.reject(new Error('closed')) : Promise.resolve();
      },
    } as unknown as Client;
    const page = new EventTarget();
    const open = openSessions(client, OPS, page);
    expect(openSessions(client, OPS, page)).toBe(open);
    open.note(commandIq(OPS, 'preset-edit', 'execute'), step('preset-edit', 'a', 'executing'));
    open.note(commandIq(OPS, 'request', 'execute'), step('request', 'b', 'executing'));
    page.dispatchEvent(new Event('pagehide'));
    await Promise.resolve();
    expect(cancelled(sent).map((c) => c.slice(3))).toEqual([
      ['preset-edit', 'cancel', 'a'],
      ['request', 'cancel', 'b'],
    ]);
    expect(open.size).toBe(0);
  });
});
