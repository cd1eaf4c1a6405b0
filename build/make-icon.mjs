#!/usr/bin/env node
// Draws build/icon.png (1024×1024), the app icon electron-builder uses for every platform (it derives the
// macOS .icns and Windows .ico from it). The picture is a trace waterfall: staggered duration bars on a
// dark rounded square, the last one in the error colour. Run `node build/make-icon.mjs` after changing it;
// the PNG is committed so packaging needs no extra tools.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels → PNG bytes (8-bit RGBA, no interlace). */
export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of pixel (x, y) by a rounded rectangle, 4×4 supersampled for smooth edges. */
function roundRectCoverage(x, y, r) {
  let hit = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const dx = Math.max(r.x + r.radius - px, 0, px - (r.x + r.w - r.radius));
      const dy = Math.max(r.y + r.radius - py, 0, py - (r.y + r.h - r.radius));
      if (px >= r.x && px <= r.x + r.w && py >= r.y && py <= r.y + r.h && dx * dx + dy * dy <= r.radius ** 2)
        hit++;
    }
  }
  return hit / 16;
}

export function drawIcon() {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  const layers = [
    // Background tile, with the margin macOS icons expect.
    { x: 64, y: 64, w: 896, h: 896, radius: 200, color: [0x1e, 0x1a, 0x2e] },
    // The waterfall: a root span and children shifted right, like a trace's duration bars.
    { x: 176, y: 250, w: 672, h: 88, radius: 44, color: [0x8b, 0x7c, 0xf6] },
    { x: 256, y: 388, w: 420, h: 88, radius: 44, color: [0x5e, 0xc2, 0xd8] },
    { x: 352, y: 526, w: 300, h: 88, radius: 44, color: [0x6c, 0xd0, 0x8e] },
    { x: 480, y: 664, w: 368, h: 88, radius: 44, color: [0xf2, 0x5f, 0x5c] },
  ];
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        if (x < layer.x - 1 || x > layer.x + layer.w + 1 || y < layer.y - 1 || y > layer.y + layer.h + 1)
          continue;
        const c = roundRectCoverage(x, y, layer);
        if (c === 0) continue;
        // "over" compositing of an opaque colour with coverage c.
        const na = c + a * (1 - c);
        r = (layer.color[0] * c + r * a * (1 - c)) / na;
        g = (layer.color[1] * c + g * a * (1 - c)) / na;
        b = (layer.color[2] * c + b * a * (1 - c)) / na;
        a = na;
      }
      const i = (y * SIZE + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(SIZE, SIZE, px);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./icon.png', import.meta.url), drawIcon());
  console.log('wrote build/icon.png');
}
