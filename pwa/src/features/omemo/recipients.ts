// The devices a message is encrypted for: every device of every recipient and
// the user's own other devices (so their other apps read it too), each with a
// session, built from its published bundle the first time (X3DH, §4.4). A
// device whose bundle cannot be read is left out; the others still get it.
import type { Device } from './engine.ts';
import { fetchBundle, fetchDevices } from './devices.ts';
import type { OmemoSession } from './session.ts';

export interface Recipients {
  readonly devices: Device[];
  /** Recipients that have no OMEMO device at all (a client without OMEMO). */
  readonly without: string[];
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
  const unreachable: string[] = [];
  const lists = await Promise.all([...jids, s.me].map((jid) => fetchDevices(s.request, jid)));
  for (const [i, jid] of jids.entries()) {
    if (lists[i]!.length === 0) without.push(jid);
    const ready = await withSessions(s, jid, lists[i]!);
    if (lists[i]!.length && !ready.length) unreachable.push(jid);
    devices.push(...ready);
  }
  devices.push(...(await withSessions(s, s.me, lists.at(-1)!)));
  return { devices, without, unreachable };
}
