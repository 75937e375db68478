// An incident's state on the wire (protocol/README.md, "Preset alarms";
// fixtures/incident-state.xml) ↔ the protocol's IncidentState. Believed only
// from the component's occupant of an incident room (request-codec.ts,
// isComponent): a member posting <incident/> is only text.
import type { IncidentState } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

const bare = (jid: string) => jid.trim().split('/')[0]!.toLowerCase();

/** An <incident/>, or undefined when it lacks its id or when it was triggered. */
export function parseIncidentState(el: XmlElement): IncidentState | undefined {
  const { id, status, at, outcome } = el.attrs;
  if (!id || !at || Number.isNaN(Date.parse(at))) return undefined;
  return {
    incident: id,
    status: status === 'resolved' ? 'resolved' : 'open',
    at,
    outcome: outcome ?? '',
    roles: el
      .getChildren('role')
      .filter((r) => r.attrs.name)
      .map((r) => ({
        role: r.attrs.name!,
        n: Math.max(0, Number.parseInt(r.attrs.n ?? '', 10) || 0),
        by: r.getChildren('by').map((b) => bare(b.text())),
      })),
    declined: el.getChildren('declined').map((d) => bare(d.text())),
  };
}
