// When the messages store tries a held-back message again (messages.store.ts).

/** A message a transform held back (encryption could not be decided) is tried again after this long. */
export const RETRY_HELD_MS = 15_000;
/** A message that asks the user (outbound.ts, AskFirst) is tried again after 3 s, then 3 s longer each time, up to the above. */
export const retryAsking = (tries: number) => Math.min(3_000 * tries, RETRY_HELD_MS);
