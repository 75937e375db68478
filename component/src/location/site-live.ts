// The site model saved by an admin reaches signed-in staff at once: everyone
// online towards the component (the directed presence of directory/live.ts)
// gets <site-changed xmlns="urn:bleep:location:0" by="admin's bare JID"
// version="…"/> in a headline message and reads the model again with the
// `site` command (an admin's open editor can tell whose change it is). The
// model itself stays out of the push: it can be hundreds of KiB, and not every
// client wants it.
import { NS_LOCATION } from '@bleep/protocol';
import type { Online } from '../online.ts';
import { xml, type Element } from '../xmpp/xml.ts';

export function siteAnnouncer(
  online: Online,
  from: string,
  send: (el: Element) => void,
): (by: string, version: string) => void {
  let seq = 0;
  return (by, version) => {
    for (const to of online.all())
      send(
        xml(
          'message',
          { type: 'headline', from, to, id: `site-${++seq}` },
          xml('site-changed', { xmlns: NS_LOCATION, by, version }),
        ),
      );
  };
}
