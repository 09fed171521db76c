// What a production render needs, made for the bench: a real issuer (not demo mode), the
// operator's seal as a PNG file and a signing key. The seal is drawn here, pixel by pixel, as an
// agency's scanned seal usually comes: about 600 px square, red on a transparent ground (RGBA), a
// ring, a star and marks where the lettering runs, anti-aliased at every edge, with a little
// unevenness in the ink. No real seal is copied.
//   Object.assign(process.env, productionEnv(dir))   before the renderer is made
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pngFile } from '../lambdas/render/card/placeholder-photo.js';
import { renderEnv } from './processes.js';

const SIZE = 600;
const C = SIZE / 2;
/** 印泥 red. */
const INK = [214, 28, 38] as const;

/** A rectangle of half-width `hw` and half-height `hh` around (cx, cy), turned by `angle`. */
interface Stroke {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  angle: number;
}

/** Inside a five-pointed star of outer radius `r` centred on the seal (point up). */
function inStar(x: number, y: number, r: number): boolean {
  const inner = r * 0.382;
  const a = Math.atan2(x, -y); // 0 at the top, clockwise
  const sector = (2 * Math.PI) / 10;
  const k = Math.floor((a + 2 * Math.PI) / sector) % 10;
  // The edge of this sector runs from one vertex to the next (outer and inner alternate).
  const r0 = k % 2 === 0 ? r : inner;
  const r1 = k % 2 === 0 ? inner : r;
  const a0 = k * sector;
  const a1 = a0 + sector;
  const [x0, y0] = [r0 * Math.sin(a0), -r0 * Math.cos(a0)];
  const [x1, y1] = [r1 * Math.sin(a1), -r1 * Math.cos(a1)];
  // Inside when (x, y) lies on the centre's side of the edge.
  const side = (px: number, py: number) => (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0);
  return side(x, y) * side(0, 0) >= 0;
}

/** Strokes standing in for characters: a few bars per character, along the top arc and in a line below the star. */
function letteringStrokes(): Stroke[] {
  const strokes: Stroke[] = [];
  const character = (cx: number, cy: number, angle: number, seed: number) => {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const at = (dx: number, dy: number) => ({ cx: cx + 1.5 * (dx * cos - dy * sin), cy: cy + 1.5 * (dx * sin + dy * cos) });
    // Two horizontal bars, one vertical, one slanting: different per character.
    strokes.push({ ...at(0, -12 + (seed % 3) * 3), hw: 22, hh: 4, angle });
    strokes.push({ ...at(0, 12 - (seed % 2) * 4), hw: 20 - (seed % 4), hh: 4, angle });
    strokes.push({ ...at(-6 + (seed % 5) * 3, 0), hw: 4, hh: 24, angle });
    strokes.push({ ...at(8, 4), hw: 4, hh: 13, angle: angle + 0.6 - (seed % 3) * 0.4 });
  };
  const n = 11;
  for (let i = 0; i < n; i++) {
    const a = Math.PI * (-0.7 + (1.4 * i) / (n - 1)) - Math.PI / 2; // from lower left over the top to lower right
    const r = 222;
    character(C + r * Math.cos(a), C + r * Math.sin(a), a + Math.PI / 2, i * 7 + 3);
  }
  for (let i = 0; i < 3; i++) character(C - 72 + i * 72, C + 160, 0, i * 5 + 1);
  return strokes;
}

function inStroke(s: Stroke, x: number, y: number): boolean {
  const dx = x - s.cx;
  const dy = y - s.cy;
  const cos = Math.cos(s.angle);
  const sin = Math.sin(s.angle);
  return Math.abs(dx * cos + dy * sin) <= s.hw && Math.abs(-dx * sin + dy * cos) <= s.hh;
}

/** Ink coverage of each pixel, 0–1, from 4 × 4 samples. */
function coverage(): Float32Array {
  const strokes = letteringStrokes();
  const out = new Float32Array(SIZE * SIZE);
  const inked = (x: number, y: number, near: Stroke[]) => {
    const r = Math.hypot(x - C, y - C);
    if (r >= 268 && r <= 292) return true;
    if (r > 268) return false;
    if (r <= 95 && inStar(x - C, y - C, 95)) return true;
    return near.some((s) => inStroke(s, x, y));
  };
  const TILE = 10;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      // Only the strokes that can reach this pixel's tile.
      const [tx, ty] = [px - (px % TILE) + TILE / 2, py - (py % TILE) + TILE / 2];
      const near = strokes.filter((s) => Math.hypot(tx - s.cx, ty - s.cy) <= Math.hypot(s.hw, s.hh) + TILE);
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inked(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4, near)) hits++;
      out[py * SIZE + px] = hits / 16;
    }
  }
  return out;
}

/**
 * The bench's seal as a PNG: RGBA (red on transparent), or with `alpha: false` RGB (red on
 * white), 600 × 600 px. Deterministic: the same bytes every call.
 */
export function sealPng({ alpha = true }: { alpha?: boolean } = {}): Buffer {
  const cover = coverage();
  const channels = alpha ? 4 : 3;
  const row = 1 + SIZE * channels;
  const raw = Buffer.alloc(row * SIZE);
  let noise = 0x9e3779b9;
  for (let y = 0; y < SIZE; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
      // Ink is uneven: up to a fifth lighter here and there.
      const ink = cover[y * SIZE + x]! * (1 - ((noise >>> 24) / 255) * 0.2);
      const at = y * row + 1 + x * channels;
      if (alpha) raw.set([INK[0], INK[1], INK[2], Math.round(ink * 255)], at);
      else
        raw.set(
          INK.map((c) => Math.round(255 - (255 - c) * ink)),
          at,
        );
    }
  }
  return pngFile(SIZE, SIZE, alpha ? 6 : 2, raw);
}

/** An issuer as an operator configures one (NOTICE_ISSUER). */
export const PRODUCTION_ISSUER = {
  name: '太原市人力资源和社会保障局',
  header: '太原市人力资源和社会保障局文件',
  printedBy: '太原市人力资源和社会保障局办公室',
};

/**
 * The environment of a production render: not demo mode, the issuer above, the seal written to
 * `dir`, and one signing key for the run (kept in `dir`, as `renderEnv` keeps it).
 */
export function productionEnv(dir: string): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  const seal = join(dir, 'seal.png');
  writeFileSync(seal, sealPng());
  return { ...renderEnv(dir), NOTICE_DEMO: 'false', NOTICE_ISSUER: JSON.stringify(PRODUCTION_ISSUER), NOTICE_SEAL_IMAGE: seal };
}
