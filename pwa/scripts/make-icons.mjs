// Writes the app icons (PNG) with node:zlib only: a rounded red square with a
// white pager mark. Run once (`node pwa/scripts/make-icons.mjs`); the PNGs are
// committed. Hand-written because a 40-line PNG encoder beats an image dependency.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function icon(size, maskable) {
  const red = [200, 30, 45, 255];
  const white = [255, 255, 255, 255];
  const clear = [0, 0, 0, 0];
  const r = maskable ? 0 : size * 0.18; // corner radius; maskable icons fill the square
  const inset = maskable ? size * 0.2 : size * 0.1; // maskable safe zone
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = Math.max(r - x, x - (size - 1 - r), 0);
      const dy = Math.max(r - y, y - (size - 1 - r), 0);
      let px = dx * dx + dy * dy > r * r ? clear : red;
      // pager: a white rounded body with a red screen
      const bx0 = inset + size * 0.12,
        bx1 = size - inset - size * 0.12;
      const by0 = inset + size * 0.2,
        by1 = size - inset - size * 0.2;
      if (x >= bx0 && x <= bx1 && y >= by0 && y <= by1) px = white;
      const sx0 = bx0 + size * 0.07,
        sx1 = bx1 - size * 0.07,
        sy0 = by0 + size * 0.08,
        sy1 = by0 + size * 0.25;
      if (x >= sx0 && x <= sx1 && y >= sy0 && y <= sy1) px = red;
      row.push(...px);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, false));
writeFileSync(new URL('icon-512.png', out), icon(512, false));
writeFileSync(new URL('maskable-512.png', out), icon(512, true));
