#!/usr/bin/env node
/**
 * Draws the CEDU icons and writes them to assets/ as PNG files.
 *
 *   node scripts/make-icons.js            write assets/icon-{16,32,64,80,128}.png
 *   node scripts/make-icons.js --check    exit 1 if a committed icon's pixels differ from what this
 *                                         draws (pixels, not bytes: zlib versions compress differently)
 *
 * The design: a rounded-square tile in the CEDU teal with a white open book; from 32 px up a small
 * rising bar chart stands on the book (community education + statistics). Everything is drawn
 * from geometry with 8x8 supersampling for anti-aliasing and encoded with zlib, so the output is
 * byte-for-byte deterministic and needs nothing but Node.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.join(__dirname, "..", "assets");
const SAMPLES = 8; // per axis: 64 samples per pixel

/** Brand colours (sRGB). The tile is a vertical gradient from TOP to BOTTOM. */
const TOP = [20, 160, 164]; // #14A0A4
const BOTTOM = [11, 101, 140]; // #0B658C
const WHITE = [255, 255, 255];

// ---------------------------------------------------------------- geometry (unit square, y down)

/** Signed distance to a rounded rectangle; negative inside. */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  const qx = Math.abs(x - cx) - hx;
  const qy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Point in a convex or concave polygon (even-odd rule). */
function inPolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * The glyph for one icon size, as a list of shapes in unit coordinates.
 * Small icons get a bigger, simpler glyph so it stays legible.
 */
function glyph(size) {
  const withBars = size >= 32;
  // Book: two pages meeting at a spine; the outer corners sit higher than the spine ("open" look).
  const bookTop = withBars ? 0.55 : 0.3;
  const bookBottom = withBars ? 0.82 : 0.76;
  const dip = withBars ? 0.05 : 0.07; // how much lower the spine is than the outer corners
  const outer = withBars ? 0.17 : 0.14;
  const gap = size <= 16 ? 0.05 : 0.025; // half the gap between the pages
  const leftPage = [
    [outer, bookTop],
    [0.5 - gap, bookTop + dip],
    [0.5 - gap, bookBottom + dip],
    [outer, bookBottom],
  ];
  const rightPage = leftPage.map(([x, y]) => [1 - x, y]);
  const shapes = [
    { kind: "polygon", points: leftPage },
    { kind: "polygon", points: rightPage },
  ];
  if (withBars) {
    // Three rising bars standing just above the spine.
    const base = 0.5;
    const width = 0.12;
    const step = 0.16;
    const heights = [0.14, 0.23, 0.33];
    heights.forEach((h, i) => {
      const left = 0.5 - width / 2 + (i - 1) * step;
      shapes.push({
        kind: "rect",
        left,
        top: base - h,
        right: left + width,
        bottom: base,
        radius: 0.02,
      });
    });
  }
  return shapes;
}

function insideShape(shape, x, y) {
  if (shape.kind === "polygon") return inPolygon(x, y, shape.points);
  return roundedRect(x, y, shape.left, shape.top, shape.right, shape.bottom, shape.radius) <= 0;
}

// ---------------------------------------------------------------- rasterisation

/** Returns RGBA bytes (non-premultiplied) for one icon. */
function draw(size) {
  const shapes = glyph(size);
  const rgba = Buffer.alloc(size * size * 4);
  const radius = 0.2;
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (roundedRect(x, y, 0, 0, 1, 1, radius) > 0) continue;
          tile++;
          const onGlyph = shapes.some((s) => insideShape(s, x, y));
          const colour = onGlyph ? WHITE : mix(TOP, BOTTOM, y);
          r += colour[0];
          g += colour[1];
          b += colour[2];
        }
      }
      const o = (py * size + px) * 4;
      if (tile === 0) continue; // fully transparent corner
      rgba[o] = Math.round(r / tile);
      rgba[o + 1] = Math.round(g / tile);
      rgba[o + 2] = Math.round(b / tile);
      rgba[o + 3] = Math.round((255 * tile) / n);
    }
  }
  return rgba;
}

function mix(a, b, t) {
  return [0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * t);
}

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits, no interlace, filter 0 on every row). */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0;
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Reads back a PNG written by encodePng (8-bit RGBA, filter 0 on every row); null for anything else.
 * @param {Buffer} png
 * @returns {{ size: number, rgba: Buffer } | null}
 */
function decodePixels(png) {
  if (png.length < 33 || png.readUInt32BE(12) !== 0x49484452) return null; // "IHDR"
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width !== height || png[24] !== 8 || png[25] !== 6) return null;
  const idat = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    if (type === "IDAT") idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  let raw;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat));
  } catch {
    return null;
  }
  const stride = width * 4;
  if (raw.length !== (stride + 1) * height) return null;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) return null;
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { size: width, rgba };
}

// ---------------------------------------------------------------- main

function main(argv) {
  const check = argv.includes("--check");
  let stale = 0;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const png = encodePng(size, draw(size));
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    if (check) {
      const current = fs.existsSync(file) ? decodePixels(fs.readFileSync(file)) : null;
      if (!current || current.size !== size || !current.rgba.equals(draw(size))) {
        console.error(
          `${path.relative(process.cwd(), file)} is out of date: run node scripts/make-icons.js`
        );
        stale++;
      }
    } else {
      fs.writeFileSync(file, png);
      console.log(
        `wrote ${path.relative(process.cwd(), file)} (${size}x${size}, ${png.length} bytes)`
      );
    }
  }
  return stale === 0 ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { draw, encodePng, decodePixels, SIZES };
