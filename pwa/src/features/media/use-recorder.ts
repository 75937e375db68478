// A voice message recorder (MediaRecorder): start, stop, the elapsed time.
// The stream is released as soon as recording stops, so the browser's
// "microphone in use" indicator goes off.
import { onBeforeUnmount, ref } from 'vue';

const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4'];

export function useRecorder() {
  const recording = ref(false);
  const seconds = ref(0);
  let rec: MediaRecorder | null = null;
  let timer = 0;
  let done: Promise<Blob> | null = null;

  async function start(): Promise<void> {
    if (rec) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const r = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    const chunks: Blob[] = [];
    r.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    done = new Promise((resolve) => {
      r.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        resolve(new Blob(chunks, { type: r.mimeType }));
      };
    });
    rec = r;
    r.start();
    recording.value = true;
    const began = performance.now();
    seconds.value = 0;
    timer = window.setInterval(() => (seconds.value = (performance.now() - began) / 1000), 250);
  }

  /** Stops and resolves with the recording (undefined when nothing was recording). */
  async function stop(): Promise<Blob | undefined> {
    const r = rec;
    if (!r) return undefined;
    rec = null;
    clearInterval(timer);
    recording.value = false;
    r.stop();
    return done!;
  }

  onBeforeUnmount(() => void stop());
  return { recording, seconds, start, stop };
}
