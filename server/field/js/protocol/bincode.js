/**
 * @file A writer and a reader of bincode 2 in its *standard* configuration, as
 * PROTOCOL.md's "Binary" section gives it: little-endian, variable-length integers, no
 * field names. These are the primitives only; which primitive comes where is the schema's
 * business (`schema.js`).
 *
 * Varints: a value below 251 is one byte; above, a marker then the value little-endian:
 * 251 + 2 bytes, 252 + 4, 253 + 8, 254 + 16. Signed integers are zigzagged first.
 *
 * The reader is strict where a lenient bincode decoder is not, because the server is:
 * a varint written longer than needed (`fb 05 00` for 5), a marker too wide for its type,
 * a length claiming more bytes than the message holds, and a trailing byte are all
 * `malformed`. So one message has exactly one encoding, and a client that reads only what
 * the server would accept never signs or stores what the server will refuse.
 */

import { malformed } from './errors.js';

const SINGLE_BYTE_MAX = 250;
const U16_MARKER = 251;
const U32_MARKER = 252;
const U64_MARKER = 253;
const U128_MARKER = 254;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

const utf8Encoder = new TextEncoder();
// `fatal`: a string that is not UTF-8 is refused, never repaired with U+FFFD.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Appends bincode primitives to a growing buffer. */
export class Writer {
  /** @param {number} [capacity] initial size in bytes */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
    this.length = 0;
  }

  /** @param {number} n bytes about to be written */
  reserve(n) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** One byte as is (`u8`, and the version byte). @param {number} b */
  u8(b) {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** Bytes as they are, without a length. @param {Uint8Array} bytes */
  raw(bytes) {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /**
   * An unsigned varint in its shortest form.
   * @param {number|bigint} value a non-negative integer (a bigint past 2^53)
   */
  varint(value) {
    if (typeof value === 'number') {
      if (value <= SINGLE_BYTE_MAX) return this.u8(value);
      if (value <= 0xffff) {
        this.reserve(3);
        this.buf[this.length] = U16_MARKER;
        this.view.setUint16(this.length + 1, value, true);
        this.length += 3;
        return;
      }
      if (value <= 0xffffffff) {
        this.reserve(5);
        this.buf[this.length] = U32_MARKER;
        this.view.setUint32(this.length + 1, value, true);
        this.length += 5;
        return;
      }
      return this.varint(BigInt(value));
    }
    if (value <= 0xffffffffn) return this.varint(Number(value));
    if (value <= U64_MAX) {
      this.reserve(9);
      this.buf[this.length] = U64_MARKER;
      this.view.setBigUint64(this.length + 1, value, true);
      this.length += 9;
      return;
    }
    this.reserve(17);
    this.buf[this.length] = U128_MARKER;
    this.view.setBigUint64(this.length + 1, value & U64_MAX, true);
    this.view.setBigUint64(this.length + 9, value >> 64n, true);
    this.length += 17;
  }

  /** A signed 32-bit integer: zigzag (0→0, -1→1, 1→2…), then a varint. @param {number} value */
  i32(value) {
    this.varint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** @param {boolean} b */
  bool(b) {
    this.u8(b ? 1 : 0);
  }

  /** IEEE 754, 8 bytes little-endian. @param {number} x */
  f64(x) {
    this.reserve(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  /** A byte string: varint length, then the bytes. @param {Uint8Array} bytes */
  byteString(bytes) {
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** A string: varint UTF-8 length, then UTF-8. @param {string} s */
  string(s) {
    this.byteString(utf8Encoder.encode(s));
  }

  /** The bytes written so far (a copy, so the writer may be reused). */
  finish() {
    return this.buf.slice(0, this.length);
  }
}

/** Reads bincode primitives from a byte array, refusing anything not in canonical form. */
export class Reader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
  }

  /** Bytes not read yet. */
  get remaining() {
    return this.bytes.length - this.pos;
  }

  /** @param {number} n */
  need(n) {
    if (this.remaining < n) throw malformed('the message ends too early (truncated?)');
  }

  /** One raw byte. */
  u8() {
    this.need(1);
    return this.bytes[this.pos++];
  }

  /**
   * An unsigned varint of a type `bits` wide (16, 32, 64 or 128). A marker wider than the
   * type is refused, as bincode refuses it; a value that fits a shorter form is refused,
   * as the server refuses it.
   * @param {16|32|64|128} bits
   * @returns {number|bigint} a number for 16 and 32 bits, a bigint for 64 and 128
   */
  varint(bits) {
    const marker = this.u8();
    const big = bits > 32;
    if (marker <= SINGLE_BYTE_MAX) return big ? BigInt(marker) : marker;
    let value;
    let shortest;
    if (marker === U16_MARKER) {
      this.need(2);
      value = this.view.getUint16(this.pos, true);
      this.pos += 2;
      shortest = value > SINGLE_BYTE_MAX;
      if (big) value = BigInt(value);
    } else if (marker === U32_MARKER && bits >= 32) {
      this.need(4);
      value = this.view.getUint32(this.pos, true);
      this.pos += 4;
      shortest = value > 0xffff;
      if (big) value = BigInt(value);
    } else if (marker === U64_MARKER && bits >= 64) {
      this.need(8);
      value = this.view.getBigUint64(this.pos, true);
      this.pos += 8;
      shortest = value > 0xffffffffn;
    } else if (marker === U128_MARKER && bits >= 128) {
      this.need(16);
      const lo = this.view.getBigUint64(this.pos, true);
      const hi = this.view.getBigUint64(this.pos + 8, true);
      this.pos += 16;
      value = (hi << 64n) | lo;
      shortest = value > U64_MAX;
    } else {
      throw malformed(`varint marker ${marker} is not valid for a ${bits}-bit integer`);
    }
    if (!shortest) throw malformed('a varint is not in its shortest form');
    return value;
  }

  /** @returns {number} */
  u16() {
    return /** @type {number} */ (this.varint(16));
  }

  /** @returns {number} */
  u32() {
    return /** @type {number} */ (this.varint(32));
  }

  /** @returns {bigint} */
  u64() {
    return /** @type {bigint} */ (this.varint(64));
  }

  /** @returns {bigint} */
  u128() {
    return /** @type {bigint} */ (this.varint(128));
  }

  /** A zigzagged signed 32-bit integer. */
  i32() {
    const u = this.u32();
    return (u >>> 1) ^ -(u & 1);
  }

  bool() {
    const b = this.u8();
    if (b > 1) throw malformed(`${b} is not a boolean (0 or 1)`);
    return b === 1;
  }

  f64() {
    this.need(8);
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  /**
   * A length or an item count. Every item of every protocol type takes at least one byte,
   * so a count past the bytes left is refused before anything is allocated for it.
   * @returns {number}
   */
  length() {
    const n = this.u64();
    if (n > BigInt(this.remaining)) {
      throw malformed('a length inside the message is larger than the message');
    }
    return Number(n);
  }

  /** @returns {Uint8Array} a view into the message, not a copy */
  byteString() {
    const n = this.length();
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string() {
    const bytes = this.byteString();
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      throw malformed('a string is not UTF-8');
    }
  }

  /** Refuses bytes left after the value: the message must be exactly one value. */
  end() {
    if (this.remaining > 0) throw malformed(`${this.remaining} trailing bytes after the message`);
  }
}

export { U64_MAX, U128_MAX };
