/**
 * @file Messages: the version byte, the size limit and exactly one value, in binary; the
 * same types in JSON.
 *
 * A binary message is `0x01` then the value (PROTOCOL.md, "Binary"). Reading is strict,
 * with the server's codes: an empty message, a truncated one or one with a trailing byte
 * is `malformed`; another first byte `unsupported_version`; over 16 MiB `too_large`. The
 * one exception, a pull page in its dense form (first byte `0x02`), is read in `dense.js`.
 */

import { ProtocolError, malformed } from './errors.js';
import { Reader, Writer, fromJson, readValue, writeValue } from './schema.js';

/** The encoding version of every message this core writes. */
export const VERSION = 1;
/** The version of a pull page in its dense form, the one message that may differ. */
export const DENSE_PAGE_VERSION = 2;
/** The largest message accepted, version byte included (16 MiB). */
export const MAX_MESSAGE = 16 * 1024 * 1024;

/**
 * The bare encoding of a value, without a version byte: what a sealed value's digest and
 * the merge's choice between two contents are computed over; never sent alone.
 * @param {import('./schema.js').Schema} schema
 * @param {unknown} value
 * @returns {Uint8Array}
 */
export function encodePlain(schema, value) {
  const w = new Writer();
  writeValue(w, schema, value);
  return w.finish();
}

/**
 * A binary message: the version byte, then the value.
 * @param {import('./schema.js').Schema} schema
 * @param {unknown} value
 * @returns {Uint8Array}
 */
export function encodeMessage(schema, value) {
  const w = new Writer();
  w.u8(VERSION);
  writeValue(w, schema, value);
  if (w.length > MAX_MESSAGE) throw new ProtocolError('too_large', `a message of ${w.length} bytes is over the limit of ${MAX_MESSAGE}`);
  return w.finish();
}

/**
 * The value of a message's body (after its version byte), exactly one value.
 * @param {import('./schema.js').Schema} schema
 * @param {Uint8Array} message the whole message, version byte included
 */
export function decodeBody(schema, message) {
  if (message.length > MAX_MESSAGE) {
    throw new ProtocolError('too_large', `a message of ${message.length} bytes is over the limit of ${MAX_MESSAGE}`);
  }
  const r = new Reader(message.subarray(1));
  const value = readValue(r, schema);
  r.end();
  return value;
}

/**
 * Reads a binary message of the given type.
 * @param {import('./schema.js').Schema} schema
 * @param {Uint8Array} message
 */
export function decodeMessage(schema, message) {
  if (!(message instanceof Uint8Array)) throw malformed('expected bytes');
  if (message.length === 0) throw malformed('empty message: expected a version byte');
  if (message[0] !== VERSION) {
    throw new ProtocolError('unsupported_version', `unsupported encoding version ${message[0]} (this client speaks ${VERSION})`);
  }
  return decodeBody(schema, message);
}

/**
 * Reads a parsed JSON value as the given type: validated (with the server's codes) and
 * canonicalized; the result is the value.
 * @param {import('./schema.js').Schema} schema
 * @param {unknown} json
 */
export function decodeJson(schema, json) {
  return fromJson(schema, json);
}

/**
 * Reads JSON text as the given type. Text that does not parse is `malformed`.
 * @param {import('./schema.js').Schema} schema
 * @param {string} text
 */
export function decodeJsonText(schema, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw malformed(`not JSON: ${e.message}`);
  }
  return fromJson(schema, json);
}

/**
 * The JSON form of a value (to `JSON.stringify`), checked as the server would check it.
 * @param {import('./schema.js').Schema} schema
 * @param {unknown} value
 */
export function encodeJson(schema, value) {
  return fromJson(schema, value, true);
}
