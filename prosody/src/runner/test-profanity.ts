// Profanity (Debian's `profanity`, a terminal XMPP client with OMEMO) driven
// for the interop tests. It is a curses program with no batch mode, so it runs
// in a detached tmux session: keys are typed with `tmux send-keys`, the screen
// is read with `capture-pane`. Its HOME and XDG folders are the test's own
// (config, accounts, logs and OMEMO keys stay there). Needs the Debian
// packages `profanity` and `tmux` (.ci/run installs them).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Profanity {
  /** Types a line and presses Enter. */
  type(line: string): void;
  /** What its window shows now (its current window, joined lines). */
  screen(): string;
  /** Resolves with what `check` gives once truthy; throws with the screen after `ms`. */
  until<T>(what: string, check: () => T | undefined | false, ms?: number): Promise<T>;
  /** Resolves once `text` is on the screen. */
  shown(text: string): Promise<boolean>;
  /** Signs `jid` in on 127.0.0.1:`port` over STARTTLS, trusting the test certificate; resolves once logged in. */
  signIn(jid: string, password: string, port: number): Promise<void>;
  /** `/omemo gen`: its OMEMO keys are made only then. Resolves once it publishes its device. */
  makeKeys(): Promise<void>;
  /** The OMEMO fingerprint it shows for `jid`, asked again until it has fetched the devices. */
  fingerprint(jid: string): Promise<string>;
  /** Trusts `print` for `jid`: writing first, it encrypts only to trusted devices. Resolves once listed so. */
  trust(jid: string, print: string): Promise<void>;
  /** Resolves once one line shows `text` from `sender` marked OMEMO: `~` before the sender. */
  shownAsOmemo(sender: string, text: string): Promise<boolean>;
  stop(): void;
}

export async function startProfanity(): Promise<Profanity> {
  for (const bin of ['profanity', 'tmux'])
    if (!existsSync(`/usr/bin/${bin}`))
      throw new Error(`This test needs Debian's ${bin}: apt-get install profanity tmux`);
  const session = `bleep-profanity-${process.pid}-${Date.now().toString(36)}`;
  const home = mkdtempSync(join(tmpdir(), 'bleep-profanity-'));
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-200');
  async function until<T>(what: string, check: () => T | undefined | false, ms = 30_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; Profanity shows:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const shown = (text: string) => until(`"${text}" on Profanity's screen`, () => screen().includes(text));
  const env = `HOME=${home} XDG_CONFIG_HOME=${home}/config XDG_DATA_HOME=${home}/data TERM=xterm-256color`;
  tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', `env ${env} profanity`);
  await shown("Type '/help'");
  function type(line: string): void {
    // `--` ends tmux's options: a random password starting with '-' (e.g. "-C…") was read as a flag, so
    // tmux typed nothing and Profanity's login failed (clean-clone CI at 21:39 on 2026-11-30).
    tmux('send-keys', '-t', session, '-l', '--', line);
    tmux('send-keys', '-t', session, 'Enter');
  }
  const fingerprint = (jid: string) =>
    until(`the OMEMO fingerprint of ${jid}`, () => {
      type(`/omemo fingerprint ${jid}`);
      return new RegExp(`${jid}'s OMEMO fingerprint: ([0-9a-f-]{71})`).exec(screen())?.[1];
    });
  return {
    type,
    screen,
    until,
    shown,
    async signIn(jid, password, port) {
      type(`/connect ${jid} server 127.0.0.1 port ${port} tls trust`);
      await shown('password');
      type(password);
      await shown('logged in successfully');
    },
    async makeKeys() {
      type('/omemo gen');
      await shown('Going to publish own device ID');
    },
    fingerprint,
    async trust(jid, print) {
      type(`/omemo trust ${jid} ${print}`);
      await until(`${jid}'s fingerprint trusted`, () => {
        type(`/omemo fingerprint ${jid}`);
        return screen().includes(`${print} (trusted)`);
      });
    },
    shownAsOmemo: (sender, text) =>
      until(`"${text}" from ${sender} marked OMEMO`, () =>
        screen()
          .split('\n')
          .some((l) => l.includes(`~ ${sender}`) && l.includes(text)),
      ),
    stop() {
      try {
        tmux('kill-session', '-t', session);
      } catch {
        // already gone
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
