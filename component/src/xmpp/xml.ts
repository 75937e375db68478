// The one place the component gets its XML builder. DESIGN.md trap: an
// element built by one copy of @xmpp/xml and checked with instanceof by
// another silently turns an IQ answer into an empty result. The component
// is built on @xmpp/connection-tcp 0.14 (xmpp/accept.ts), which resolves to
// the same single @xmpp/xml 0.14 copy as @xmpp/client; xml.test.ts checks it.
// eslint-disable-next-line no-restricted-imports -- this file is that one place
import { xml, Element, Parser } from '@xmpp/xml';

export { xml, Element, Parser };
