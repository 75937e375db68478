// The one place the component gets its XML builder. DESIGN.md trap: an
// element built by one copy of @xmpp/xml and checked with instanceof by
// another silently turns an IQ answer into an empty result. @xmpp/component
// 0.13 is CommonJS and cannot load the ESM 0.14 copy that @xmpp/client uses,
// so the component is built on @xmpp/component-core alone (no iq callee, no
// middleware): elements come from its copy and leave through send(), which
// only serialises them. A lint rule keeps '@xmpp/xml' out of component/src.
import core from '@xmpp/component-core';

export type { Element } from '@xmpp/component-core';
export const xml = core.xml;
