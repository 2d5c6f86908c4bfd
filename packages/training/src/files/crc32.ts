// The reflected CRC-32 of zip, gzip and PNG (polynomial 0xEDB88320), one table lookup per byte.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `bytes` as an unsigned 32-bit integer, as stored in zip headers: crc ← table[(crc ⊕ byte) & 255] ⊕ (crc >>> 8),
 * starting from and finally xored with 0xFFFFFFFF. `crc32(ascii('123456789')) === 0xCBF43926`.
 * @see https://www.w3.org/TR/png/#D-CRCAppendix
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
