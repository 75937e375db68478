// A camera that sees a QR code: Chromium's fake capture device plays a Y4M
// file (--use-file-for-fake-video-capture), read again each time a page opens
// the camera, so a spec can change what it sees between scans. Y4M is a
// header and raw 4:2:0 frames (https://wiki.multimedia.cx/index.php/YUV4MPEG2),
// simple enough to write here without ffmpeg.
import { writeFileSync } from 'node:fs';
import encodeQR from '@paulmillr/qr';

const [W, H] = [640, 480];

/** Writes a short video of `text` as a QR code, black on white, centred. */
export function showQr(file: string, text: string): void {
  const modules = encodeQR(text, 'raw');
  const scale = Math.floor(Math.min(W, H) / (modules.length + 4));
  const [x0, y0] = [(W - modules.length * scale) >> 1, (H - modules.length * scale) >> 1];
  const luma = Buffer.alloc(W * H, 235);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        luma.fill(16, (y0 + y * scale + dy) * W + x0 + x * scale, (y0 + y * scale + dy) * W + x0 + (x + 1) * scale);
    }),
  );
  const chroma = Buffer.alloc((W * H) / 2, 128); // U and V planes, grey
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}
