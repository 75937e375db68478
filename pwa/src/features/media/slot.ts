// XEP-0363 upload slots, parsed at the edge: the request to share.<domain>,
// its answer as a typed slot, and its refusals as typed values.
// https://xmpp.org/extensions/xep-0363.html
import { NS_HTTP_UPLOAD } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

export interface Slot {
  readonly put: string;
  readonly get: string;
  /** The headers the PUT must carry (§5: only these three may be passed on). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SlotRequest {
  readonly filename: string;
  readonly size: number;
  readonly type: string;
}

/** §4: asks for a slot; `size` is what will be PUT (the ciphertext). */
export const slotRequest = (shareHost: string, f: SlotRequest): XmlElement =>
  xml(
    'iq',
    { type: 'get', to: shareHost },
    xml('request', { xmlns: NS_HTTP_UPLOAD, filename: f.filename, size: String(f.size), 'content-type': f.type }),
  );

const PASSED_ON = new Set(['authorization', 'cookie', 'expires']);

/** The slot in a result, or undefined when it has none or its URLs are not https. */
export function parseSlot(iq: XmlElement): Slot | undefined {
  const slot = iq.getChild('slot', NS_HTTP_UPLOAD);
  const put = slot?.getChild('put')?.attrs.url as string | undefined;
  const get = slot?.getChild('get')?.attrs.url as string | undefined;
  if (!slot || !put?.startsWith('https://') || !get?.startsWith('https://')) return undefined;
  const headers: Record<string, string> = {};
  for (const h of slot.getChild('put')!.getChildren('header')) {
    const name = String(h.attrs.name ?? '');
    // §5: strip newlines, and pass on nothing else.
    if (PASSED_ON.has(name.toLowerCase())) headers[name] = h.text().replace(/[\r\n]/g, '');
  }
  return { put, get, headers };
}

export type Refusal =
  | { readonly reason: 'too-large'; readonly maxBytes?: number }
  | { readonly reason: 'quota' | 'server-full' | 'forbidden' | 'failed' };

/** What an error answer to a slot request means (Prosody 0.12 mod_http_file_share's conditions). */
export function parseRefusal(err: unknown): Refusal {
  const e = err as { condition?: string; text?: string; element?: XmlElement } | undefined;
  const tooLarge = e?.element?.getChild('file-too-large', NS_HTTP_UPLOAD);
  if (tooLarge || (e?.condition === 'not-acceptable' && /too large/i.test(e.text ?? ''))) {
    const max = Number(tooLarge?.getChildText('max-file-size'));
    return { reason: 'too-large', maxBytes: Number.isSafeInteger(max) && max > 0 ? max : undefined };
  }
  if (e?.condition === 'resource-constraint')
    return { reason: /global|storage/i.test(e.text ?? '') ? 'server-full' : 'quota' };
  if (e?.condition === 'forbidden' || e?.condition === 'not-allowed') return { reason: 'forbidden' };
  return { reason: 'failed' };
}
