// A floor plan image, uploaded as it is through XEP-0363 to plans.<domain>:
// a plan is no patient data, and every client must show it, so it is not
// encrypted (attachments are: features/media). That upload service keeps what
// it is given (share.<domain> deletes uploads after days) and takes uploads
// from Prosody's admins only (prosody/src/plans.ts). The model keeps the GET
// URL's same-origin path (/site_plans/<slot>/<name>), which the CSP's img-src
// 'self' allows and site-edit accepts (component/src/location/site-zone.ts).
// https://xmpp.org/extensions/xep-0363.html#request
import type { XmlElement } from '@xmpp/client';
import {
  parseRefusal,
  parseSlot,
  slotRequest,
  UPLOAD_TEXT,
  uploadRefusalText,
  type Limits,
} from '../../media/index.ts';

const NOT_ADMIN = "Only the server's admins (Prosody's admins) may upload plans. Ask one of them, or IT.";

/** The image types a plan may be, and the file name's ending site-edit accepts for each. */
export const PLAN_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
};

export interface PlanUploadDeps {
  /** plans.<domain>. */
  readonly planHost: string;
  /** Said in a refusal when the server does not say its own. */
  readonly limits: Limits;
  /** This page's origin: the upload service must be on it (the PWA server and nginx proxy /site_plans/). */
  readonly origin: string;
  request(iq: XmlElement): Promise<XmlElement>;
  put(url: string, body: Blob, headers: Record<string, string>): Promise<{ ok: boolean; status: number }>;
}

export const planFileName = (floorId: string, type: string) => `plan-${floorId.slice(0, 50)}.${PLAN_TYPES[type]}`;

/** The same-origin path of a slot's GET URL, or an Error when it is elsewhere. */
export function planPath(getUrl: string, origin: string): string | Error {
  const url = new URL(getUrl);
  if (url.origin !== origin || !url.pathname.startsWith('/site_plans/'))
    return new Error('The upload service is not on this site, so the plan could not be kept. Tell IT.');
  return url.pathname;
}

/** Uploads `file` as the plan of floor `floorId`; resolves with its path for the model, rejects with the user's text. */
export async function uploadPlan(deps: PlanUploadDeps, file: Blob, floorId: string): Promise<string> {
  if (!PLAN_TYPES[file.type]) throw new Error('A floor plan must be a PNG, JPEG, SVG or WebP image.');
  const req = { filename: planFileName(floorId, file.type), size: file.size, type: file.type };
  let answer: XmlElement;
  try {
    answer = await deps.request(slotRequest(deps.planHost, req));
  } catch (err) {
    const refusal = parseRefusal(err);
    if (refusal.reason === 'forbidden') throw new Error(NOT_ADMIN, { cause: err });
    throw new Error(uploadRefusalText(refusal, file.size, deps.limits), { cause: err });
  }
  const slot = parseSlot(answer);
  if (!slot) throw new Error(UPLOAD_TEXT.failed);
  const path = planPath(slot.get, deps.origin);
  if (path instanceof Error) throw path;
  const res = await deps.put(slot.put, file, { 'Content-Type': file.type, ...slot.headers });
  if (!res.ok)
    throw new Error(res.status === 413 ? UPLOAD_TEXT.tooLarge(file.size, deps.limits.maxBytes) : UPLOAD_TEXT.failed);
  return path;
}
