// What the component keeps for Web Push (push/): its VAPID keys and the
// browsers' subscriptions. Part of the store's interfaces (types.ts).

/** A VAPID key pair (RFC 8292), base64url: the public key as an uncompressed P-256 point, the private key raw. */
export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** A browser's Web Push subscription (PushSubscription), filed under the XEP-0357 node the component gave it. */
export interface PushSubscription {
  readonly node: string;
  /** Bare JID of the account it belongs to. */
  readonly jid: string;
  readonly endpoint: string;
  /** base64url (RFC 8291 §3: the user agent's public key and the authentication secret). */
  readonly p256dh: string;
  readonly auth: string;
  /** ISO 8601. */
  readonly created: string;
}

/** Push (push/): the VAPID keys and the subscriptions. */
export interface PushStore {
  /** The stored key pair; when there is none, stores `fresh` and returns it (two processes starting together keep one). */
  vapid(fresh: () => VapidKeys, at: string): Promise<VapidKeys>;
  /** Files the subscription; one this account had with the same endpoint is replaced (its old node goes). */
  subscribe(s: PushSubscription): Promise<void>;
  byNode(node: string): Promise<PushSubscription | undefined>;
  byJid(jid: string): Promise<PushSubscription[]>;
  /** Removes one subscription; false when there was none. */
  remove(node: string): Promise<boolean>;
}
