-- Issue #12: the component is the XEP-0357 app server. Its VAPID key pair
-- (RFC 8292) is made at first start and kept (one row): a new pair would
-- void every subscription the browsers hold. Each Web Push subscription is
-- filed under the XEP-0357 node the component gave it; an expired one
-- (HTTP 404/410) is deleted.
CREATE TABLE push_vapid (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE push_subscriptions (
  node TEXT PRIMARY KEY,
  jid TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (jid, endpoint)
);
