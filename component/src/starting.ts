// Until a service's start work is done (its Running.online: default templates
// and alarm presets seeded, department rooms set up), its commands are refused
// with 'starting' (type wait: clients send them again) instead of being
// answered wrongly from data not there yet: on a fresh database a quick-response
// request was refused "Template is required" while the rooms were being set up.
// A command that reads what another service sets up says so (Command.waitsFor:
// a department rename reads the department rooms). Only
// commands wait: they are what reads seeded data. Disco (static), ping,
// presence (never answered) and messages are taken at once, as before.
import { BleepError } from './xmpp/errors.ts';

export class Starting {
  /** Command node → the services whose start it waits for (its own service's first). */
  private readonly waits = new Map<string, readonly string[]>();
  private readonly services = new Set<string>();
  private readonly pending = new Set<string>();

  /** Declares a service; `starts` when it has start work of its own (Running.online). */
  add(service: string, starts: boolean): void {
    this.services.add(service);
    if (starts) this.pending.add(service);
  }

  own(node: string, services: readonly string[]): void {
    this.waits.set(node, services);
  }

  /** Names no service declared (a misspelt waitsFor), for the start to refuse. */
  unknown(): string[] {
    return [...new Set([...this.waits.values()].flat())].filter((s) => !this.services.has(s));
  }

  /** `service`'s own start work is done. */
  started(service: string): void {
    this.pending.delete(service);
  }

  /** The whole start is done: nothing waits any more. */
  done(): void {
    this.pending.clear();
  }

  /** Throws 'starting' when the command at `node` waits for a start not done yet. */
  check(node: string): void {
    if (this.waits.get(node)?.some((s) => this.pending.has(s))) throw new BleepError('starting');
  }
}
