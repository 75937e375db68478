// Directory service wiring: the whoami command.
import { COMMANDS } from '@bleep/protocol';
import type { Commands } from '../xmpp/adhoc.ts';
import type { Caller } from '../xmpp/router.ts';
import type { DirectoryStore } from '../store/types.ts';
import { WHOAMI_FORM, whoamiValues } from './codec.ts';
import { whoami } from './whoami.ts';

export function registerDirectory(
  commands: Commands,
  deps: { directory: DirectoryStore; admins: ReadonlySet<string>; isStaff: (c: Caller) => boolean },
): void {
  commands.add({
    node: COMMANDS.whoami,
    name: 'Who am I',
    allowed: deps.isStaff,
    run: async ({ caller }) => ({
      kind: 'done',
      form: WHOAMI_FORM,
      values: whoamiValues(await whoami(deps.directory, deps.admins, caller)),
    }),
  });
}
