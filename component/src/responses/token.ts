// Answer tokens (issue #12): a push notification's buttons answer a request
// without opening the app, so the push carries a token the component issued
// for that request and that person. It expires, and it answers only that
// request as that person; the choice must be one of the request's and goes
// through the answer path like any other (so the same answer twice counts
// once). HMAC-SHA256 under a key derived from the component secret with its
// own label (RFC 5869 HKDF): nothing is stored per token.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { BleepError } from '../xmpp/errors.ts';

export interface AnswerGrant {
  /** The request's id (req-<id>). */
  readonly request: string;
  /** The bare JID the answer is recorded for. */
  readonly by: string;
  /** Epoch milliseconds after which the token is refused. */
  readonly expires: number;
}

const LABEL = 'bleep push answer token 1';

export class AnswerTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, '', LABEL, 32));
  }

  issue(g: AnswerGrant): string {
    const body = Buffer.from(JSON.stringify([g.request, g.by, Math.ceil(g.expires / 1000)])).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The grant a token carries; refuses a token this component did not issue, or one past its time. */
  read(token: string, now: number): AnswerGrant {
    const [body = '', mac = '', ...rest] = token.split('.');
    const given = Buffer.from(mac, 'base64url');
    const want = this.mac(body);
    if (rest.length || given.length !== want.length || !timingSafeEqual(given, want)) throw new BleepError('bad-token');
    const [request, by, expiresS] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [
      string,
      string,
      number,
    ];
    if (now > expiresS * 1000)
      throw new BleepError(
        'bad-token',
        'This notification is too old to answer from. Open Bleep and answer there; the request is still in your chat.',
      );
    return { request, by, expires: expiresS * 1000 };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
