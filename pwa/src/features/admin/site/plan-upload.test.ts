// Floor plan uploads: plain (not encrypted), to plans.<domain>, named for the
// floor, kept by their same-origin path; refused in words before anything is
// sent when the file is no image or the upload service is on another site.
import { NS_HTTP_UPLOAD } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { uploadPlan, type PlanUploadDeps } from './plan-upload.ts';

const slot = (host: string) =>
  xml(
    'iq',
    { type: 'result' },
    xml(
      'slot',
      { xmlns: NS_HTTP_UPLOAD },
      xml('put', { url: `${host}/site_plans/3f2a-11/plan-n0.png` }),
      xml('get', { url: `${host}/site_plans/3f2a-11/plan-n0.png` }),
    ),
  );

function deps(
  host = 'https://bleep.example',
  answer: (iq: XmlElement) => Promise<XmlElement> = async () => slot(host),
): PlanUploadDeps & { asked: XmlElement[]; puts: string[] } {
  const asked: XmlElement[] = [];
  const puts: string[] = [];
  return {
    planHost: 'plans.bleep.example',
    limits: { maxBytes: 1000, quotaBytes: 10_000 },
    origin: 'https://bleep.example',
    request: async (iq) => (asked.push(iq), answer(iq)),
    put: async (url, body, headers) => (
      puts.push(`${url} ${headers['Content-Type']} ${body.size}`),
      { ok: true, status: 201 }
    ),
    asked,
    puts,
  };
}
const png = new Blob([new Uint8Array(10)], { type: 'image/png' });

describe('floor plan upload', () => {
  it('asks for a slot for the image as it is, PUTs it, and gives the path the model keeps', async () => {
    const d = deps();
    expect(await uploadPlan(d, png, 'n0')).toBe('/site_plans/3f2a-11/plan-n0.png');
    expect(d.asked[0]!.getChild('request')!.attrs).toMatchObject({
      filename: 'plan-n0.png',
      size: '10',
      'content-type': 'image/png',
    });
    expect(d.puts).toEqual(['https://bleep.example/site_plans/3f2a-11/plan-n0.png image/png 10']);
  });

  it('refuses what is no image before asking', async () => {
    const d = deps();
    await expect(uploadPlan(d, new Blob(['<p>'], { type: 'text/html' }), 'n0')).rejects.toThrow(
      'A floor plan must be a PNG, JPEG, SVG or WebP image.',
    );
    expect(d.asked).toEqual([]);
  });

  it('asks plans.<domain>, and says who may upload when the server refuses the person', async () => {
    const forbidden = Object.assign(new Error('forbidden'), {
      condition: 'forbidden',
      element: xml('error', { type: 'auth' }, xml('forbidden', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })),
    });
    const d = deps(undefined, async () => Promise.reject(forbidden));
    await expect(uploadPlan(d, png, 'n0')).rejects.toThrow("Only the server's admins (Prosody's admins)");
    expect(d.asked[0]!.attrs.to).toBe('plans.bleep.example');
  });

  it('refuses a slot on another site, which the CSP would not show, and sends nothing', async () => {
    const d = deps('https://elsewhere.example');
    await expect(uploadPlan(d, png, 'n0')).rejects.toThrow('The upload service is not on this site');
    expect(d.puts).toEqual([]);
  });
});
