/**
 * @file UUIDs: the 16 bytes the binary form carries, the hyphenated lowercase string the
 * JSON form and this core's values carry.
 *
 * In values, a UUID is always its canonical string (`"01920000-0000-7000-8000-000000000001"`).
 * That string orders exactly as the bytes do, unsigned, most significant first (hex digits
 * sort as their values, hyphens sit at the same places), which is the order of write ids
 * (PROTOCOL.md's pitfalls: Java's signed comparison gets it wrong). So comparing two
 * canonical UUID strings is comparing their bytes.
 */

import { fromHex, toHex } from './bytes.js';
import { malformed } from './errors.js';

/** The nil UUID: the writer of a region's writes (the server). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The 16 bytes of a UUID string, in the forms the reference implementation reads (the
 * `uuid` crate's `parse_str`): hyphenated, 32 digits, braced or `urn:uuid:`, either case.
 * @param {string} s
 * @returns {Uint8Array}
 */
export function uuidBytes(s) {
  if (typeof s !== 'string') throw malformed('expected a UUID string');
  let hex = s;
  if (hex.length === 45 && hex.startsWith('urn:uuid:')) hex = hex.slice(9);
  else if (hex.length === 38 && hex[0] === '{' && hex[37] === '}') hex = hex.slice(1, 37);
  if (hex.length === 36) {
    if (hex[8] !== '-' || hex[13] !== '-' || hex[18] !== '-' || hex[23] !== '-') {
      throw malformed(`UUID parsing failed: ${JSON.stringify(s)}`);
    }
    hex = hex.slice(0, 8) + hex.slice(9, 13) + hex.slice(14, 18) + hex.slice(19, 23) + hex.slice(24);
  }
  if (hex.length !== 32 || !/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw malformed(`UUID parsing failed: ${JSON.stringify(s)}`);
  }
  return fromHex(hex.toLowerCase());
}

/**
 * The canonical string of 16 bytes.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function uuidString(bytes) {
  if (bytes.length !== 16) throw malformed(`a UUID is 16 bytes, got ${bytes.length}`);
  const h = toHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Whether a canonical UUID string is a UUIDv7 (version nibble 7, RFC 4122 variant): the
 * server refuses an op whose record id is not (`invalid_value`).
 * @param {string} s
 */
export function isUuidV7(s) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(s);
}

/**
 * A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Record ids are
 * minted on the device that registers the record.
 * @param {number} unixMs the device's clock
 * @returns {string}
 */
export function newUuidV7(unixMs) {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  let ms = Math.max(0, Math.floor(unixMs));
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  return uuidString(b);
}
