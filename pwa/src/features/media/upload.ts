// Encrypts a file, asks share.<domain> for a slot and PUTs the ciphertext,
// reporting progress; resolves with the aesgcm:// link to send. Refusals
// reject with an UploadError whose message is the user's text.
import type { XmlElement } from '@xmpp/client';
import { encrypt, toLink } from './aesgcm.ts';
import { refusalText, TEXT, type Limits } from './errors.ts';
import { parseRefusal, parseSlot, slotRequest, type Slot } from './slot.ts';

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

export interface UploadDeps {
  readonly shareHost: string;
  readonly limits: Limits;
  /** Sends an IQ and resolves with the result (rejects with the error answer): xmpp.js's iqCaller.request. */
  request(iq: XmlElement): Promise<XmlElement>;
}

/** 0…1 of the ciphertext sent. */
export type Progress = (fraction: number) => void;

// GCM appends a 16-byte tag: what is uploaded is that much larger.
const TAG = 16;

export async function upload(
  deps: UploadDeps,
  file: Blob,
  name: string,
  onProgress: Progress = () => {},
): Promise<string> {
  const size = file.size + TAG;
  // No size check against deps.limits first: those are what /config.json said when the app loaded, and an admin
  // may have changed the limit since (issue #13: settings applied with a reload). The slot request is the check;
  // a refusal names the server's limit (XEP-0363 §5, <max-file-size/>).
  let slot: Slot | undefined;
  try {
    // The server sees only ciphertext: its type is opaque bytes (XEP-0454 §3).
    const req = slotRequest(deps.shareHost, { filename: name, size, type: 'application/octet-stream' });
    slot = parseSlot(await deps.request(req));
  } catch (err) {
    throw new UploadError(refusalText(parseRefusal(err), size, deps.limits));
  }
  if (!slot) throw new UploadError(TEXT.failed);
  const { cipher, iv, key } = await encrypt(await file.arrayBuffer());
  await put(slot, cipher, onProgress, deps.limits);
  return toLink({ url: slot.get, iv, key });
}

/** XHR, not fetch: fetch reports no upload progress. */
function put(slot: Slot, body: ArrayBuffer, onProgress: Progress, limits: Limits): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', slot.put);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [k, v] of Object.entries(slot.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else
        reject(new UploadError(xhr.status === 413 ? TEXT.tooLarge(body.byteLength, limits.maxBytes) : TEXT.failed));
    };
    xhr.onerror = () => reject(new UploadError(navigator.onLine ? TEXT.failed : TEXT.offline));
    xhr.send(body);
  });
}
