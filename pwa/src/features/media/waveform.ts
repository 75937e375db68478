// A voice message's waveform: the peak of each of `bars` equal slices of the
// samples, scaled so the loudest bar is 1 (quiet recordings still show a shape).
export function peaks(samples: Float32Array, bars: number): number[] {
  const out = new Array<number>(bars).fill(0);
  if (samples.length === 0) return out;
  const size = samples.length / bars;
  for (let b = 0; b < bars; b++) {
    let max = 0;
    const end = Math.min(samples.length, Math.floor((b + 1) * size));
    for (let i = Math.floor(b * size); i < end; i++) max = Math.max(max, Math.abs(samples[i]!));
    out[b] = max;
  }
  const top = Math.max(...out);
  return top > 0 ? out.map((p) => Math.round((p / top) * 100) / 100) : out;
}

/** m:ss, as players show it. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Duration and peaks of recorded audio (MediaRecorder's webm has no duration in its header, so decode it). */
export async function analyse(audio: Blob, bars = 40): Promise<{ duration: number; peaks: number[] }> {
  const ctx = new OfflineAudioContext(1, 1, 8000);
  const buf = await ctx.decodeAudioData(await audio.arrayBuffer());
  return { duration: buf.duration, peaks: peaks(buf.getChannelData(0), bars) };
}
