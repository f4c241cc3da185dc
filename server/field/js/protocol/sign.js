/**
 * @file Ed25519 signatures and SHA-256 digests through WebCrypto (`crypto.subtle`), the
 * platform's own: no library to ship, and in the app a private key that never leaves the
 * browser's key store (generated non-extractable, kept in IndexedDB as a `CryptoKey`).
 *
 * A device encodes a message once, signs exactly those bytes and keeps them (`Signed`):
 * Ed25519 is deterministic, so the same key and bytes always give the same signature, and
 * the batch's digest (SHA-256 of the sealed bytes) is the next batch's `prev`.
 */

import { bytesEqual, concatBytes, fromHex, toHex } from './bytes.js';
import { encodeMessage } from './codec.js';
import { ProtocolError } from './errors.js';

const ED25519 = { name: 'Ed25519' };
/** The prev of a device's first batch: 32 zero bytes. */
export const ZERO_DIGEST = '0'.repeat(64);

/**
 * SHA-256, as lowercase hex.
 * @param {Uint8Array} bytes
 * @returns {Promise<string>}
 */
export async function sha256(bytes) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * A new device key pair. The private key is not extractable: nothing, not even the app,
 * can read it out of the browser; store the `CryptoKeyPair` itself in IndexedDB.
 * @returns {Promise<{privateKey: CryptoKey, publicKey: string}>} the public key as hex,
 *   for `EnrolRequest.public_key`
 */
export async function generateDeviceKey() {
  const pair = /** @type {CryptoKeyPair} */ (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']));
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toHex(raw) };
}

// PKCS#8 of an Ed25519 key (RFC 8410) is this fixed prefix, then the 32-byte seed.
const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');

/**
 * A key from a fixed 32-byte seed: for the conformance vectors and tests only, never for
 * a real device (its seed would be known).
 * @param {string} seedHex 32 bytes as hex
 * @returns {Promise<{privateKey: CryptoKey, publicKey: string}>}
 */
export async function keyFromSeed(seedHex) {
  const seed = fromHex(seedHex);
  if (seed.length !== 32) throw new ProtocolError('malformed', 'an Ed25519 seed is 32 bytes');
  const privateKey = await crypto.subtle.importKey('pkcs8', concatBytes(PKCS8_PREFIX, seed), ED25519, true, ['sign']);
  // WebCrypto has no "public key of": the JWK export of a private key carries it (x).
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  return { privateKey, publicKey: toHex(fromBase64Url(/** @type {string} */ (jwk.x))) };
}

/** @param {string} s */
function fromBase64Url(s) {
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * Signs bytes.
 * @param {CryptoKey} privateKey
 * @param {Uint8Array} bytes
 * @returns {Promise<string>} the 64-byte signature as hex
 */
export async function sign(privateKey, bytes) {
  return toHex(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, bytes)));
}

/**
 * Whether a signature verifies.
 * @param {string} publicKeyHex
 * @param {Uint8Array} bytes
 * @param {string} signatureHex
 * @returns {Promise<boolean>}
 */
export async function verify(publicKeyHex, bytes, signatureHex) {
  const key = await crypto.subtle.importKey('raw', fromHex(publicKeyHex), ED25519, false, ['verify']);
  return crypto.subtle.verify(ED25519, key, fromHex(signatureHex), bytes);
}

/**
 * Encodes a message once and signs the encoding: the body of a push (a `Batch`), a pull,
 * an ack question or an opening request. Store the result before the first attempt to
 * send it, and send those bytes again on every retry: other bytes under the same `seq`
 * are a fork.
 * @param {import('./schema.js').Schema} schema `Batch`, `PullRequest`, `AckRequest`, `OpenRequest`
 * @param {unknown} message
 * @param {CryptoKey} privateKey
 * @returns {Promise<{signed: {sealed: string, signature: string}, sealed: Uint8Array, digest: string}>}
 *   `signed` is the `Signed` value (encode it with `codec.js` in either encoding),
 *   `digest` the SHA-256 of the sealed bytes (a batch's link in the chain)
 */
export async function seal(schema, message, privateKey) {
  const sealed = encodeMessage(schema, message);
  const signature = await sign(privateKey, sealed);
  return { signed: { sealed: toHex(sealed), signature }, sealed, digest: await sha256(sealed) };
}

/**
 * The digest of a `Signed`'s sealed bytes: a batch's link in its device's chain, and what
 * its `PushAck.digest` must be.
 * @param {{sealed: string}} signed
 */
export function signedDigest(signed) {
  return sha256(fromHex(signed.sealed));
}

/**
 * Whether an acknowledgement is the one of this batch: the device, sequence number and
 * digest must be the batch's before it moves from the outbox to the kept batches.
 * @param {{device: string, seq: number, digest: string}} ack
 * @param {{device: string, seq: number}} batch
 * @param {string} digest the sealed bytes' digest
 */
export function ackMatches(ack, batch, digest) {
  return ack.device === batch.device && ack.seq === batch.seq && bytesEqual(fromHex(ack.digest), fromHex(digest));
}
