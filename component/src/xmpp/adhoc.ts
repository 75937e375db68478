// XEP-0050 ad-hoc commands: list, execute, and multi-step sessions
// (next / prev / complete / cancel). https://xmpp.org/extensions/xep-0050.html
import { randomUUID } from 'node:crypto';
import { NS_COMMANDS, NS_DATA } from '@bleep/protocol';
import { PERMISSIONS, type Permission } from '../authz.ts';
import { DEFAULT_LIMITS, type Limits } from '../config.ts';
import { RateLimit, type Limit } from '../rate-limit.ts';
import { parseSubmit, renderForm, renderTable, type FormDef, type FormValues } from './dataform.ts';
import { BleepError, quote } from './errors.ts';
import type { Caller, IqRequest } from './router.ts';
import { xml, type Element } from './xml.ts';

export interface CommandContext {
  readonly caller: Caller;
  /** 0 for the first step; n after the n-th form was submitted. */
  readonly step: number;
  /** What earlier steps kept, per session. */
  readonly data: Record<string, unknown>;
  /** The values of the form just submitted (absent on step 0). */
  readonly input?: FormValues;
}

export type Outcome =
  | { kind: 'form'; form: FormDef; values?: FormValues; last?: boolean }
  | { kind: 'done'; form?: FormDef; values?: FormValues; rows?: readonly FormValues[]; note?: string };

export interface Command {
  readonly node: string;
  readonly name: string;
  /** Who may list and run it (authz.ts). */
  readonly permission: Permission;
  run(ctx: CommandContext): Promise<Outcome> | Outcome;
  /**
   * Services (by name) whose start it reads from besides its own: it is refused 'starting' until theirs is done
   * too (starting.ts; a department rename reads the department rooms).
   */
  readonly waitsFor?: readonly string[];
}

interface Session {
  readonly node: string;
  readonly caller: string;
  readonly data: Record<string, unknown>;
  /** The forms shown so far; the last one is awaiting its submission. */
  readonly shown: Extract<Outcome, { kind: 'form' }>[];
  expiresAt: number;
}

/** Whether a caller holds a permission (authz.ts). */
export interface Permissions {
  holds(caller: Caller, p: Permission): Promise<boolean>;
}

const ACTIONS = new Set(['execute', 'next', 'prev', 'complete', 'cancel']);
// Each account has its own room for open sessions, so one account can never
// push out another's: the limit is per person, and so is the pace of starting commands.
export const SESSIONS_PER_USER = DEFAULT_LIMITS.commandSessions;
export const STARTS: Limit = {
  count: DEFAULT_LIMITS.commandStartsPerMinute,
  windowMs: 60_000,
  verb: 'start',
  what: 'commands',
};

export class Commands {
  private readonly commands = new Map<string, Command>();
  private readonly sessions = new Map<string, Session>();
  private readonly open = new Map<string, number>();
  private readonly permissions: Permissions;
  private readonly starts: RateLimit;
  private readonly now: () => number;
  private readonly maxSessions: number;
  private readonly idleMs: number;

  constructor(permissions: Permissions, now: () => number = Date.now, limits: Limits = DEFAULT_LIMITS) {
    this.permissions = permissions;
    this.now = now;
    this.maxSessions = limits.commandSessions;
    this.idleMs = limits.commandIdleMinutes * 60_000;
    this.starts = new RateLimit({ ...STARTS, count: limits.commandStartsPerMinute }, now);
  }

  add(command: Command): this {
    if (this.commands.has(command.node)) throw new Error(`Two commands with the node "${command.node}".`);
    this.commands.set(command.node, command);
    return this;
  }

  /** Whether this caller may run the command (and see it listed). */
  may(caller: Caller, command: Command): Promise<boolean> {
    return this.permissions.holds(caller, command.permission);
  }

  /** The commands this caller may run (XEP-0050 §2.1: disco#items on the commands node). */
  async visible(caller: Caller): Promise<Command[]> {
    const all = [...this.commands.values()];
    const ok = await Promise.all(all.map((c) => this.may(caller, c)));
    return all.filter((_, i) => ok[i]);
  }

  get(node: string): Command | undefined {
    return this.commands.get(node);
  }

  /** Handles <iq type="set"><command/></iq>. */
  readonly execute = async ({ caller, payload }: IqRequest): Promise<Element> => {
    const node = payload.attrs.node ?? '';
    const action = payload.attrs.action ?? 'execute';
    if (!ACTIONS.has(action))
      throw new BleepError(
        'bad-stanza',
        `Unknown action ${quote(action)}: use execute, next, prev, complete or cancel.`,
      );
    const command = this.commands.get(node);
    if (!command)
      throw new BleepError(
        'unknown-command',
        `There is no command ${quote(node)}. List the commands to see what is available.`,
      );
    if (!(await this.may(caller, command)))
      throw new BleepError('not-allowed', `Only ${PERMISSIONS[command.permission]} may run "${command.name}".`);
    this.expire();
    const id = payload.attrs.sessionid;
    if (!id) {
      if (action !== 'execute') throw new BleepError('unknown-session');
      this.starts.take(caller.bare);
      if ((this.open.get(caller.bare) ?? 0) >= this.maxSessions) throw this.tooMany(caller.bare);
      return this.step(command, caller, randomUUID(), { node, caller: caller.bare, data: {}, shown: [], expiresAt: 0 });
    }
    const session = this.sessions.get(id);
    if (!session || session.caller !== caller.bare || session.node !== node) throw new BleepError('unknown-session');
    if (action === 'cancel') {
      this.forget(id);
      return reply(node, id, 'canceled');
    }
    if (action === 'prev') {
      if (session.shown.length > 1) session.shown.pop();
      return this.show(node, id, session);
    }
    const current = session.shown.at(-1)!;
    const parsed = parseSubmit(current.form, payload.getChild('x', NS_DATA));
    if (!parsed.ok) throw new BleepError('bad-form', `The form has problems: ${parsed.problems.join(' ')}`);
    return this.step(command, caller, id, session, parsed.values);
  };

  private async step(command: Command, caller: Caller, id: string, s: Session, input?: FormValues): Promise<Element> {
    const outcome = await command.run({ caller, step: s.shown.length, data: s.data, ...(input ? { input } : {}) });
    if (outcome.kind === 'done') {
      this.forget(id);
      return reply(
        command.node,
        id,
        'completed',
        outcome.note ? xml('note', { type: 'info' }, outcome.note) : undefined,
        outcome.form && outcome.rows ? renderTable(outcome.form, outcome.rows) : undefined,
        outcome.form && !outcome.rows ? renderForm(outcome.form, 'result', outcome.values) : undefined,
      );
    }
    s.shown.push(outcome);
    s.expiresAt = this.now() + this.idleMs;
    if (!this.sessions.has(id)) this.open.set(s.caller, (this.open.get(s.caller) ?? 0) + 1);
    this.sessions.set(id, s);
    return this.show(command.node, id, s);
  }

  /** The cap's refusal: what to do, and when the oldest unfinished session closes by itself. */
  private tooMany(caller: string): BleepError {
    let first = Infinity;
    for (const s of this.sessions.values()) if (s.caller === caller) first = Math.min(first, s.expiresAt);
    const minutes = Math.max(1, Math.ceil((first - this.now()) / 60_000));
    return new BleepError(
      'too-many-sessions',
      `You have ${this.maxSessions} command sessions open, the most one account may. ` +
        'Finish or cancel one (close the forms left open in other tabs), then start again. ' +
        `Unfinished ones close after ${this.idleMs / 60_000} minutes idle: the oldest in ${minutes} min.`,
    );
  }

  private show(node: string, id: string, s: Session): Element {
    const current = s.shown.at(-1)!;
    const finish = current.last ? 'complete' : 'next';
    const actions = xml('actions', { execute: finish }, s.shown.length > 1 ? xml('prev') : undefined, xml(finish));
    return reply(node, id, 'executing', actions, renderForm(current.form, 'form', current.values));
  }

  private forget(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    const left = (this.open.get(s.caller) ?? 1) - 1;
    if (left > 0) this.open.set(s.caller, left);
    else this.open.delete(s.caller);
  }

  private expire(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.forget(id);
  }
}

function reply(node: string, sessionid: string, status: string, ...children: (Element | undefined)[]): Element {
  return xml('command', { xmlns: NS_COMMANDS, node, sessionid, status }, ...children);
}
