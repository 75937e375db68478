// The component's notices about one's duty shift (protocol/README.md, Duty
// shifts): a headline from ops.<domain> with <shift-ending/> (the warning
// before the end) or <shift-ended/> (duty turned off by itself).
import { NS_DUTY } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

export type ShiftNotice =
  { readonly kind: 'ending'; readonly ends: Date; readonly extendable: boolean } | { readonly kind: 'ended' };

/** The notice a stanza carries, only from the component; undefined for anything else. */
export function parseShiftNotice(el: XmlElement, opsHost: string): ShiftNotice | undefined {
  if (el.name !== 'message' || el.attrs.from !== opsHost) return undefined;
  if (el.getChild('shift-ended', NS_DUTY)) return { kind: 'ended' };
  const ending = el.getChild('shift-ending', NS_DUTY);
  const ends = new Date(ending?.attrs.ends ?? '');
  if (!ending || Number.isNaN(ends.getTime())) return undefined;
  return { kind: 'ending', ends, extendable: ending.attrs.extendable === 'true' };
}
