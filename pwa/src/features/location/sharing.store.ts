// Sharing one's location while on duty (issue #9): GPS through
// watchPosition, sent when the person moved 10 m or 30 s went by, or a room
// picked indoors (GPS is poor there). Off duty, nothing is sent: the
// component takes the marker away when duty ends, by hand or by the shift.
import type { GeoLocation } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { useDirectory } from '../directory/index.ts';
import { errorText, publishIq } from './codec.ts';
import { roomLatLon } from './place.ts';
import { useSite } from './site.store.ts';
import { EVERY_MS, worthSending } from './throttle.ts';

export type SharingState = 'off' | 'waiting' | 'gps' | 'indoor' | 'denied' | 'unavailable';

export const useSharing = defineStore('sharing', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const site = useSite();
  const state = ref<SharingState>('off');
  /** Metres, of the last GPS fix sent. */
  const accuracy = ref<number>();
  const error = ref('');
  const place = ref<{ building: string; floor: string; room: string }>();
  let watchId: number | undefined;
  let repeat: ReturnType<typeof setInterval> | undefined;
  let last: { at: number; pos: [number, number]; location: GeoLocation } | undefined;

  async function send(location: GeoLocation): Promise<boolean> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    const me = connection.me?.jid;
    if (!client || !ops || !me) return false;
    try {
      const reply = await request(client, publishIq(ops, me, location));
      if (reply.attrs.type === 'error') throw new Error(errorText(reply, 'Your location was not accepted.'));
      error.value = '';
      return true;
    } catch (err) {
      error.value = (err as Error).message || 'Your location could not be sent.';
      return false;
    }
  }

  function onFix(p: GeolocationPosition): void {
    if (state.value === 'indoor') return;
    state.value = 'gps';
    const pos: [number, number] = [p.coords.latitude, p.coords.longitude];
    const now = Date.now();
    if (!worthSending(last, pos, now)) return;
    const location = {
      lat: Math.round(pos[0] * 1e6) / 1e6,
      lon: Math.round(pos[1] * 1e6) / 1e6,
      accuracy: Math.round(p.coords.accuracy),
      timestamp: new Date(p.timestamp || now).toISOString(),
    };
    accuracy.value = location.accuracy;
    last = { at: now, pos, location };
    void send(location);
  }

  function onError(e: GeolocationPositionError): void {
    // The reasons a person can act on: PERMISSION_DENIED is theirs to change in the browser's site settings.
    state.value = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable';
  }

  function start(): void {
    if (watchId !== undefined) return;
    if (!('geolocation' in navigator)) return void (state.value = 'unavailable');
    state.value = place.value ? 'indoor' : 'waiting';
    watchId = navigator.geolocation.watchPosition(onFix, onError, { enableHighAccuracy: true, maximumAge: 10_000 });
    // Standing still, watchPosition reports nothing new. Every 30 s: indoors, say again that the room holds;
    // outdoors, ask for a fresh fix, so the marker stays fresh and its time is true (sending the last fix
    // again with its own time was refused as too old after 10 minutes of standing still). A fix that does
    // not come lets the marker go stale, as it should; only a refused permission changes what is shown.
    repeat = setInterval(() => {
      if (state.value === 'indoor') {
        const here = indoorLocation();
        if (here) void send(here);
      } else if (last && Date.now() - last.at >= EVERY_MS)
        navigator.geolocation.getCurrentPosition(onFix, (e) => e.code === e.PERMISSION_DENIED && onError(e), {
          enableHighAccuracy: true,
          maximumAge: 0,
          timeout: EVERY_MS,
        });
    }, EVERY_MS);
  }

  function stop(): void {
    if (watchId !== undefined) navigator.geolocation.clearWatch(watchId);
    clearInterval(repeat);
    [watchId, repeat, last, place.value, accuracy.value] = [undefined, undefined, undefined, undefined, undefined];
    state.value = 'off';
  }

  function indoorLocation(): GeoLocation | undefined {
    const p = place.value;
    const b = site.model?.buildings.find((x) => x.id === p?.building);
    const room = b?.floors.find((f) => f.id === p?.floor)?.rooms.find((r) => r.id === p?.room);
    if (!p || !b || !room) return undefined;
    const [lat, lon] = roomLatLon(b, room.x, room.y);
    return {
      ...p,
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      timestamp: new Date().toISOString(),
    };
  }

  /** Indoors: a room picked from the site model; GPS is not sent until the person goes back to it. */
  async function pick(building: string, floor: string, room: string): Promise<boolean> {
    place.value = { building, floor, room };
    state.value = 'indoor';
    const l = indoorLocation();
    return !!l && (await send(l));
  }

  function useGps(): void {
    place.value = undefined;
    last = undefined;
    state.value = watchId === undefined ? 'off' : 'waiting';
  }

  watch(
    () => directory.onDuty,
    (on) => (on ? start() : stop()),
    { immediate: true },
  );
  connection.onLogout(stop);

  return { state, accuracy, error, place, pick, useGps };
});
