// Sound and vibration for a full-screen alarm, repeating until stopped. The
// browser may refuse both (no user gesture yet, no vibration motor): the
// screen itself is the alarm, these only add to it.
export interface Siren {
  stop(): void;
}

const EVERY_MS = 2_000;

function beep(ctx: AudioContext): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.value = 0.2;
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.6);
}

export function startSiren(): Siren {
  let ctx: AudioContext | undefined;
  try {
    ctx = new AudioContext();
  } catch {
    ctx = undefined;
  }
  const ring = () => {
    navigator.vibrate?.([400, 200, 400]);
    if (ctx?.state !== 'closed') {
      try {
        beep(ctx!);
      } catch {
        // No sound on this device: the screen still shows.
      }
    }
  };
  ring();
  const timer = setInterval(ring, EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      navigator.vibrate?.(0);
      void ctx?.close().catch(() => {});
    },
  };
}
