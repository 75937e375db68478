// Who is online is held only in memory (online.ts). Each time the link to
// Prosody is up (start, restart, a dropped link), the component probes every
// staff account; Prosody answers with the presence of each session that sent
// it directed presence, or unavailable (prosody/modules/mod_bleep_directed_probe.lua).
// So colleagues are shown available again, and get live updates, without
// reloading anything (issue #14).
// https://www.rfc-editor.org/rfc/rfc6121#section-4.3
import type { Store } from '../store/types.ts';
import { xml, type Element } from '../xmpp/xml.ts';

export async function probeStaff(
  directory: Store['directory'],
  admins: readonly string[],
  from: string,
  send: (el: Element) => void,
): Promise<number> {
  const jids = new Set([...(await directory.list()).map((e) => e.jid), ...admins]);
  for (const to of jids) send(xml('presence', { type: 'probe', from, to }));
  return jids.size;
}
