// DESIGN.md trap: one copy of @xmpp/xml per process. The component's elements
// and @xmpp/client's must come from the same module, or an element built by
// one and checked with instanceof by the other turns an IQ answer empty.
import { createRequire } from 'node:module';
import { xml as clientXml } from '@bleep/prosody-config/test-client';
import { describe, expect, it } from 'vitest';
import { Element, xml } from './xml.ts';

describe('one @xmpp/xml per process', () => {
  it("builds elements of the same class as @xmpp/client's", () => {
    expect(clientXml('iq', { type: 'result' })).toBeInstanceOf(Element);
    expect(xml('iq', { type: 'result' }).constructor).toBe(clientXml('iq').constructor);
  });

  it('resolves @xmpp/xml to one file from the component, its connection and the client', () => {
    // A require() rooted in a package's own folder, as Node resolves its imports.
    const inside = (req: NodeJS.Require, pkg: string) => createRequire(req.resolve(`${pkg}/package.json`));
    const component = createRequire(import.meta.url);
    const tcp = inside(component, '@xmpp/connection-tcp');
    const connection = inside(tcp, '@xmpp/connection');
    const client = inside(component, '@xmpp/client');
    const paths = new Set([component, tcp, connection, client].map((r) => r.resolve('@xmpp/xml')));
    expect([...paths]).toHaveLength(1);
  });
});
