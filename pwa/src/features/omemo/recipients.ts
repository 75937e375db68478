// The devices a message is encrypted for: every device of every recipient and
// the user's own other devices (so their other apps read it too), each with a
// session, built from its published bundle the first time (X3DH, §4.4). A
// device whose bundle cannot be read is left out; the others still get it.
// A device list that cannot be read (an error, not an answer) is never taken
// for "no devices": that recipient is `unknown`, and the caller decides.
import type { Device } from './engine.ts';
import { fetchBundle, fetchDevices } from './devices.ts';
import type { OmemoSession } from './session.ts';

export interface Recipients {
  readonly devices: Device[];
  /** Recipients that have no OMEMO device at all (a client without OMEMO): the server said so. */
  readonly without: string[];
  /** Recipients whose device list could not be read (forbidden, a timeout): nothing is known. */
  readonly unknown: string[];
  /** Recipients that have devices, none of which could be reached. */
  readonly unreachable: string[];
}

async function withSessions(s: OmemoSession, jid: string, ids: readonly number[]): Promise<Device[]> {
  const ready: Device[] = [];
  for (const id of ids) {
    const d = { jid, id };
    if (jid === s.me && id === s.engine.deviceId) continue;
    if (!(await s.engine.hasSession(d))) {
      const bundle = await fetchBundle(s.request, jid, id);
      if (!bundle) continue;
      try {
        await s.engine.startSession(d, bundle);
      } catch {
        continue; // a bundle whose signature does not verify
      }
    }
    ready.push(d);
  }
  return ready;
}

export async function recipients(s: OmemoSession, jids: readonly string[]): Promise<Recipients> {
  const devices: Device[] = [];
  const without: string[] = [];
  const unknown: string[] = [];
  const unreachable: string[] = [];
  // The user's own list must be read: it is their own server.
  const [own, ...lists] = await Promise.all([
    fetchDevices(s.request, s.me),
    ...jids.map((jid) => fetchDevices(s.request, jid).catch(() => undefined)),
  ]);
  for (const [i, jid] of jids.entries()) {
    const list = lists[i];
    if (!list) unknown.push(jid);
    else if (list.length === 0) without.push(jid);
    if (!list?.length) continue;
    const ready = await withSessions(s, jid, list);
    if (!ready.length) unreachable.push(jid);
    devices.push(...ready);
  }
  devices.push(...(await withSessions(s, s.me, own!)));
  return { devices, without, unknown, unreachable };
}
