// Preset alarms wiring (issue #10): the presets (seeded, listed, edited by
// admins) and the alarm command. The acknowledgement buttons and answers are
// the requests service's (requests/, responses/).
import { ALARM_COMMANDS, ALARM_FIELDS as F, ALARM_RAISED_FIELDS as R } from '@bleep/protocol';
import { Notify } from '../requests/notify.ts';
import type { Service } from '../service.ts';
import { BleepError } from '../xmpp/errors.ts';
import { onAnswered } from './acks.ts';
import { alarmForm, RAISED_FORM } from './alarm-form.ts';
import { DEFAULT_PRESETS } from './defaults.ts';
import { incidentCommands } from './incident-commands.ts';
import { registerLadder } from './ladder.ts';
import { openIncidentsCommand } from './open-incidents.ts';
import { presetEditCommand, presetsCommand } from './preset-commands.ts';
import { SpareRooms } from './spare-rooms.ts';
import { trigger } from './trigger.ts';
import { failCutOff } from './unraised.ts';

/** A client's own id for a trigger (ALARM_FIELDS.clientId). */
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const alarms: Service = {
  name: 'alarms',
  register({ config, store, authz, router, commands, scheduler, muc, send, answers, whereabouts, log }) {
    const notify = new Notify({ opsHost: config.opsHost, send, muc, current: (id) => store.responses.get(id) });
    const raising = new Map<string, Promise<boolean>>();
    const spares = new SpareRooms({ muc, mucHost: config.mucHost, size: config.limits.alarmSpareRooms, log });
    const deps = {
      config,
      opsHost: config.opsHost,
      store,
      muc,
      scheduler,
      notify,
      send,
      whereabouts,
      log,
      authz,
      raising,
      spares,
    };
    registerLadder(deps);
    answers.on((a) => onAnswered(deps, a));
    commands.add(presetsCommand(store.presets));
    commands.add(presetEditCommand(store.presets, { domain: config.domain, mucHost: config.mucHost }));
    commands.add({
      node: ALARM_COMMANDS.alarm,
      name: 'Trigger an alarm',
      permission: 'staff',
      run: async ({ caller, step, input }) => {
        const presets = await store.presets.list();
        if (step === 0) return { kind: 'form', form: alarmForm(presets), last: true };
        const preset = presets.find((p) => p.id === input?.[F.preset]);
        if (!preset) throw new BleepError('bad-form', 'There is no such alarm; pick one of the list.');
        const text = (k: string) => String(input?.[k] ?? '').trim();
        const clientId = text(F.clientId);
        if (clientId && !CLIENT_ID.test(clientId))
          throw new BleepError('bad-form', 'The trigger id may hold only letters, digits, - and _.');
        const details = { location: text(F.location), bed: text(F.bed), note: text(F.note) };
        const raised = await trigger(deps, caller, preset, details, new Date(), clientId || undefined);
        const { incident: i } = raised;
        const people = `${raised.alerted} ${raised.alerted === 1 ? 'person' : 'people'} alerted`;
        return {
          kind: 'done',
          note: raised.repeated
            ? `${i.preset.name} had already reached the server from this device and was not raised again: ${people}.`
            : raised.merged
              ? `${i.preset.name} is already open there (triggered by ${i.triggerName}); you joined it.`
              : `${i.preset.name} raised: ${people}.`,
          form: RAISED_FORM,
          values: {
            [R.incident]: i.id,
            [R.room]: i.room,
            [R.merged]: raised.merged,
            [R.repeated]: raised.repeated,
            [R.alerted]: String(raised.alerted),
            [R.request]: i.request ? `req-${i.request}@${config.opsHost}` : '',
          },
        };
      },
    });
    for (const c of incidentCommands(deps)) commands.add(c);
    commands.add(openIncidentsCommand(store.incidents));
    // Replies to the 1:1 alarm: the answer goes to the request's address or into the room.
    router.address('alarms', async () => {
      throw new BleepError(
        'unsupported',
        'This address only sends alarms. Answer in the incident room, or reply to the req-… address the alarm names.',
      );
    });
    return {
      async online() {
        const added = await store.presets.seed(DEFAULT_PRESETS, new Date().toISOString());
        if (added) log.info({ added }, 'alarm presets seeded');
        // Alarms the last run stored and stopped before sending: failed, so that their resend raises them anew.
        const failed = await failCutOff(deps);
        if (failed) log.warn({ failed }, 'alarm: incidents cut off by the last stop failed');
      },
      // Every link, the first too: the last link's spare rooms went with it.
      relinked: () => spares.relinked(),
    };
  },
};
