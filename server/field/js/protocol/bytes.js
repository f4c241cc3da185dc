/**
 * @file Byte strings: lowercase hex (the JSON form of digests, keys, signatures, salts and
 * sealed messages), comparison as unsigned bytes, concatenation.
 *
 * The platform has no hex codec (Node's Buffer is not in the browser), and the protocol is
 * strict about hex: lowercase only, so that one byte string has one JSON form.
 */

import { malformed } from './errors.js';

const HEX_DIGITS = '0123456789abcdef';
/** @type {string[]} */
const BYTE_TO_HEX = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15]);

/**
 * Lowercase hex of the bytes.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toHex(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]];
  return out;
}

/** @param {number} c a UTF-16 code unit */
function nibble(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * The bytes a lowercase hex string spells. Uppercase digits are refused, as the server
 * refuses them (`malformed`): one byte string, one JSON form.
 * @param {string} hex
 * @returns {Uint8Array}
 */
export function fromHex(hex) {
  if (typeof hex !== 'string') throw malformed('expected a hex string');
  if (/[A-F]/.test(hex)) throw malformed('hex must be lowercase');
  if (hex.length % 2 !== 0) throw malformed('not hex: an odd number of digits');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw malformed(`not hex: ${JSON.stringify(hex.slice(2 * i, 2 * i + 2))}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * Orders two byte strings as unsigned bytes, a prefix first: how Rust orders `Vec<u8>`,
 * hence how the merge picks between two contents under one write id.
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {number} negative, zero or positive
 */
export function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 */
export function bytesEqual(a, b) {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/**
 * One byte string made of several.
 * @param {...Uint8Array} parts
 * @returns {Uint8Array}
 */
export function concatBytes(...parts) {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
