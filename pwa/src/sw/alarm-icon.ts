// An alarm's notification icon in its preset's colour (issue #12): the
// Notifications API has no colour of its own, and the colour is how staff
// tell a Code Blue from a Fire at a glance. Drawn in the worker
// (OffscreenCanvas) as a PNG data: URL, which browsers take as an icon;
// where a worker cannot draw, the app's own icon.
const SIZE = 192;
const HEX = /^#[0-9a-f]{6}$/i;

export async function alarmIcon(colour: string, fallback: string): Promise<string> {
  if (!HEX.test(colour) || typeof OffscreenCanvas === 'undefined') return fallback;
  try {
    const canvas = new OffscreenCanvas(SIZE, SIZE);
    const g = canvas.getContext('2d')!;
    g.fillStyle = colour;
    g.beginPath();
    g.arc(SIZE / 2, SIZE / 2, SIZE / 2, 0, 2 * Math.PI);
    g.fill();
    // A white exclamation mark: readable on every preset colour.
    g.fillStyle = '#ffffff';
    g.fillRect(SIZE / 2 - 12, 36, 24, 84);
    g.fillRect(SIZE / 2 - 12, 132, 24, 24);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return `data:image/png;base64,${btoa(binary)}`;
  } catch {
    return fallback;
  }
}
