// Duty shifts (issue #9): going on duty starts a shift of at most the
// configured length; a warning goes out before its end, the person may
// extend it once, and at its end duty turns off by itself. Both moments are
// persisted timers (scheduler/), keyed by the shift, so they survive a
// restart and a timer of an older shift does nothing.
import type { DirectoryEntry } from '@bleep/protocol';
import type { DirectoryChanges } from '../directory/changes.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { DirectoryStore, DutyShift, ShiftStore } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { ShiftNotices } from './notices.ts';

export const WARNING = 'duty-warning';
export const END = 'duty-end';

export interface ShiftDeps {
  readonly shifts: ShiftStore;
  readonly directory: Pick<DirectoryStore, 'get' | 'setDuty' | 'list'>;
  readonly scheduler: Scheduler;
  readonly changes: DirectoryChanges;
  readonly notices: ShiftNotices;
  readonly maxShiftMs: number;
  readonly warningMs: number;
  readonly extensionMs: number;
  readonly now?: () => number;
}

interface ShiftTimer {
  readonly jid: string;
  readonly startedAt: number;
  readonly endsAt: number;
}

const key = (kind: string, s: ShiftTimer) => `${kind}:${s.jid}:${s.startedAt}:${s.endsAt}`;

export class Shifts {
  private readonly deps: ShiftDeps;
  private readonly now: () => number;

  constructor(deps: ShiftDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    deps.scheduler.register(WARNING, (p) => this.warn(p as ShiftTimer));
    deps.scheduler.register(END, (p) => this.end(p as ShiftTimer));
  }

  /** Follows duty changes: on starts a shift, off ends it (and its timers). */
  async follow(before: DirectoryEntry | undefined, after: DirectoryEntry | undefined): Promise<void> {
    const jid = (after ?? before)!.jid;
    if (after?.onDuty && !before?.onDuty) await this.start(jid);
    else if (before?.onDuty && !after?.onDuty) await this.clear(jid);
  }

  /** People on duty with no shift (on duty before shifts existed, or seeded so): their shift starts now. */
  async adoptOnDuty(): Promise<void> {
    for (const e of await this.deps.directory.list())
      if (e.onDuty && !(await this.deps.shifts.get(e.jid))) await this.start(e.jid);
  }

  async extend(jid: string): Promise<DutyShift> {
    const shift = await this.deps.shifts.get(jid);
    if (!shift || !(await this.deps.directory.get(jid))?.onDuty)
      throw new BleepError('not-on-duty', 'You are not on duty, so there is no shift to extend.');
    if (shift.extended) throw new BleepError('already-extended');
    await this.cancelTimers(shift);
    const longer = { ...shift, endsAt: shift.endsAt + this.deps.extensionMs, extended: true };
    await this.deps.shifts.put(longer);
    await this.schedule(longer);
    return longer;
  }

  private async start(jid: string): Promise<void> {
    const startedAt = this.now();
    const shift = { jid, startedAt, endsAt: startedAt + this.deps.maxShiftMs, extended: false };
    await this.deps.shifts.put(shift);
    await this.schedule(shift);
  }

  private async clear(jid: string): Promise<void> {
    const shift = await this.deps.shifts.get(jid);
    if (!shift) return;
    await this.cancelTimers(shift);
    await this.deps.shifts.remove(jid);
  }

  private async schedule(s: DutyShift): Promise<void> {
    const t: ShiftTimer = { jid: s.jid, startedAt: s.startedAt, endsAt: s.endsAt };
    const warnAt = Math.max(this.now(), s.endsAt - this.deps.warningMs);
    await this.deps.scheduler.schedule({ kind: WARNING, key: key(WARNING, t), at: warnAt, payload: t });
    await this.deps.scheduler.schedule({ kind: END, key: key(END, t), at: s.endsAt, payload: t });
  }

  private async cancelTimers(s: DutyShift): Promise<void> {
    await this.deps.scheduler.cancel(key(WARNING, s));
    await this.deps.scheduler.cancel(key(END, s));
  }

  /** The shift a timer was set for, if it is still the current one (idempotent handlers, scheduler.ts). */
  private async current(t: ShiftTimer): Promise<DutyShift | undefined> {
    const shift = await this.deps.shifts.get(t.jid);
    return shift && shift.startedAt === t.startedAt && shift.endsAt === t.endsAt ? shift : undefined;
  }

  private async warn(t: ShiftTimer): Promise<void> {
    const shift = await this.current(t);
    if (shift) this.deps.notices.ending(shift);
  }

  private async end(t: ShiftTimer): Promise<void> {
    const shift = await this.current(t);
    if (!shift) return;
    // The shift goes first, so follow() below finds none and leaves this (running) timer to the scheduler.
    await this.deps.scheduler.cancel(key(WARNING, shift));
    await this.deps.shifts.remove(t.jid);
    const before = await this.deps.directory.get(t.jid);
    if (before?.onDuty) {
      const after = await this.deps.directory.setDuty(t.jid, false);
      // Every follower hears it as for a hand-made change: location sharing stops, the directory goes live.
      await this.deps.changes.emit({ before, ...(after ? { after } : {}) });
    }
    this.deps.notices.ended(shift);
  }
}
