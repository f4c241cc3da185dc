/**
 * @file Pull pages in every form the server sends: binary version 1 (plain), binary
 * version 2 (dense, asked for with `Accept: application/x-placer; version=2`), and JSON,
 * where a change of a collection this client does not know is skipped.
 *
 * A client decodes a binary page by its first byte. A JSON page may carry collections a
 * later server defines: the client skips those changes, applies the others and still
 * stores the page's cursor, so that a new collection never stops an old handset.
 */

import { DENSE_PAGE_VERSION, VERSION, decodeBody, decodeMessage, encodeMessage } from './codec.js';
import { DensePage, fromDense, toDense } from './dense.js';
import { malformed } from './errors.js';
import { Writer, fromJson, writeValue } from './schema.js';
import { COLLECTIONS, PullPage } from './types.js';

const KNOWN = new Set(COLLECTIONS);

/**
 * Reads a binary pull page of either version.
 * @param {Uint8Array} bytes the response body
 * @returns {any} a `PullPage` value
 */
export function decodePage(bytes) {
  if (bytes.length > 0 && bytes[0] === DENSE_PAGE_VERSION) return fromDense(decodeBody(DensePage, bytes));
  return decodeMessage(PullPage, bytes);
}

/**
 * A pull page in binary, plain (1) or dense (2): what the server sends; for tests and
 * for a page kept on the device as it arrived.
 * @param {any} page
 * @param {number} version
 * @returns {Uint8Array}
 */
export function encodePage(page, version = VERSION) {
  if (version !== DENSE_PAGE_VERSION) return encodeMessage(PullPage, page);
  const w = new Writer();
  w.u8(DENSE_PAGE_VERSION);
  writeValue(w, DensePage, toDense(fromJson(PullPage, page)));
  return w.finish();
}

/**
 * Reads a JSON pull page, skipping the changes of collections this client does not know.
 * @param {unknown} json the parsed body
 * @returns {{page: any, skipped: number}} the page of known changes (with the page's own
 *   cursor: store it), and how many changes were skipped
 */
export function decodeJsonPage(json) {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !Array.isArray(json.changes)) {
    throw malformed('a pull page is an object with a list of changes');
  }
  const known = json.changes.filter((c) => {
    if (c === null || typeof c !== 'object') return true; // refused below, as malformed
    const state = c.state;
    const stateKnown =
      state === null || typeof state !== 'object' || Array.isArray(state) || Object.keys(state).every((k) => KNOWN.has(k));
    return (typeof c.collection !== 'string' || KNOWN.has(c.collection)) && stateKnown;
  });
  return { page: fromJson(PullPage, { ...json, changes: known }), skipped: json.changes.length - known.length };
}
