import { deflateSync } from 'node:zlib';
import { crc32 } from '@clearprop/training';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** A PNG chunk: length, type, data, CRC-32 of type + data (all big-endian). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * An 8-bit RGB PNG of `width` × `height` pixels from `rgb` [height, width, 3] (row 0 at the top), as a data URL
 * for a Vega image mark: each row is prefixed with filter 0 (none) and the whole deflated, as the PNG spec allows.
 * @see https://www.w3.org/TR/png/
 */
export function pngDataUrl(width: number, height: number, rgb: Uint8Array): string {
  if (rgb.length !== width * height * 3) throw new RangeError(`pngDataUrl: ${rgb.length} bytes for ${width}×${height} RGB`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter method 0, no interlace
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let r = 0; r < height; r++) raw.set(rgb.subarray(r * width * 3, (r + 1) * width * 3), r * (1 + width * 3) + 1);
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  return `data:image/png;base64,${Buffer.concat(parts).toString('base64')}`;
}

/** `#rrggbb` colours of a grid [rows, columns] (row 0 at the bottom, as the events store it) as top-down RGB bytes. */
export function gridRgb(columns: number, rows: number, colorAt: (i: number, j: number) => string): Uint8Array {
  const rgb = new Uint8Array(columns * rows * 3);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const hex = colorAt(i, j);
      const at = ((rows - 1 - i) * columns + j) * 3;
      for (let c = 0; c < 3; c++) rgb[at + c] = Number.parseInt(hex.slice(1 + 2 * c, 3 + 2 * c), 16);
    }
  }
  return rgb;
}
