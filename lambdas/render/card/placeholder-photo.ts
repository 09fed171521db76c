// A placeholder holder photo for examples and the local stack: a plain grey silhouette on a pale
// blue ground, drawn here pixel by pixel and encoded as a PNG — no photograph of anyone. Pure and
// deterministic: the same bytes every call, so example cards render byte-identically.
import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 240;
const HEIGHT = 300;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Inside the silhouette: a round head above an elliptical pair of shoulders. */
function isFigure(x: number, y: number): boolean {
  const head = ((x - 120) / 52) ** 2 + ((y - 118) / 62) ** 2 <= 1;
  const shoulders = y >= 196 && ((x - 120) / 108) ** 2 + ((y - 300) / 100) ** 2 <= 1;
  const neck = Math.abs(x - 120) <= 24 && y >= 160 && y <= 215;
  return head || shoulders || neck;
}

/** A 240 × 300 px RGB PNG (4:5, the card's photo box at about 320 dpi). */
export function placeholderPhoto(): Buffer {
  const row = 1 + WIDTH * 3;
  const raw = Buffer.alloc(row * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = isFigure(x, y) ? [150, 158, 168] : [219, 231, 242];
      raw.set([r, g, b], y * row + 1 + x * 3);
    }
  }
  return pngFile(WIDTH, HEIGHT, 2, raw);
}

/**
 * An 8-bit PNG of filtered scanlines `raw` (each row led by its filter byte): colour type 2 is RGB,
 * 6 is RGBA. Not interlaced, deflated at level 9.
 */
export function pngFile(width: number, height: number, colourType: 2 | 6, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colourType, 0, 0, 0], 8); // 8-bit, the colour type, deflate, no filter method, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
