// An encrypted attachment: the body is one aesgcm:// link and nothing else
// (XEP-0454 §3). Only the body carries it: an XEP-0066 <x/> beside the body
// would stay outside OMEMO's encryption and give the key to the server.
import { fileName, parseLink } from '../../media/aesgcm.ts';
import { CLASS_WORD, fileType } from '../../media/file-types.ts';
import type { Kind } from './kind.ts';
import { text } from './text.ts';

export interface Media {
  readonly kind: 'media';
  /** The aesgcm:// link: the message's whole body. */
  readonly body: string;
  /** The user chose to send it unencrypted where it cannot be encrypted (outbound.ts, AskFirst). */
  readonly plain?: boolean;
}

export const media: Kind<Media> = {
  kind: 'media',
  shown: true,
  markable: true,
  preview: (c) => {
    const k = parseLink(c.body);
    const cls = k ? fileType(fileName(k)).cls : 'file';
    return cls === 'file' && k ? `${CLASS_WORD.file}: ${fileName(k)}` : CLASS_WORD[cls];
  },
  parse(msg) {
    const body = msg.getChildText('body')?.trim();
    return body && parseLink(body) ? { kind: 'media', body } : undefined;
  },
  // The same message as text (receipts, markers, active), with the link as its body.
  build: (c, to) => text.build!({ kind: 'text', body: c.body }, to),
};
