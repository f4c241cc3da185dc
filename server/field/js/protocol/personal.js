/**
 * @file A miner's personal values, sealed on the handset so that the registry can erase
 * them while every signed batch still verifies (`sync-protocol/src/personal.rs`; PROTOCOL.md,
 * "A person's values").
 *
 * For each personal field of a miner (names, sex, birth year, national id, phone,
 * cooperative) the handset signs, in place of the value, `{"sealed": {field, digest}}`,
 * where the digest is SHA-256 of `"placer personal v1"`, a zero byte, the record id's 16
 * bytes, a fresh random 16-byte salt and the open value's binary encoding without the
 * version byte. It keeps the open value in its own copy, and an `Opening` (record, write
 * id, salt, value) to send once the batch is acknowledged.
 */

import { concatBytes, fromHex, toHex } from './bytes.js';
import { encodePlain } from './codec.js';
import { valuesEqual } from './equal.js';
import { compareWriteIds } from './merge.js';
import { MinerField, PERSONAL_FIELDS } from './types/records.js';
import { sha256 } from './sign.js';
import { uuidBytes } from './uuid.js';

/** What binds a digest to one record: no digest of one miner's value opens another's. */
const DOMAIN = new TextEncoder().encode('placer personal v1\0');

const PERSONAL = new Set(PERSONAL_FIELDS);

/**
 * The personal field an open value sets, or null for the registration's fields and for
 * values already sealed or erased.
 * @param {string|Record<string, unknown>} value a `MinerField` value
 * @returns {string|null}
 */
export function personalFieldOf(value) {
  if (value === null || typeof value !== 'object') return null;
  const [name] = Object.keys(value);
  return PERSONAL.has(name) ? name : null;
}

/**
 * A fresh salt from the platform's random source. Draw one for every value, never one
 * per op: a salt shared with a value that stays open would let anyone who reads that
 * opening try every national id against the digest of an erased one.
 * @returns {string} 16 bytes as hex
 */
export function randomSalt() {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The bytes a sealed value's digest is computed over.
 * @param {string} record the miner's id
 * @param {string} salt 16 bytes as hex
 * @param {Record<string, unknown>} value the open `MinerField` value
 * @returns {Uint8Array}
 */
export function digestInput(record, salt, value) {
  return concatBytes(DOMAIN, uuidBytes(record), fromHex(salt), encodePlain(MinerField, value));
}

/**
 * The sealed form of an open personal value (`SealedValue`), or null for any other value,
 * which is signed as it is, an optional field left empty included (it holds nothing to
 * erase, and a digest and salt would cost a slow link 48 bytes for nothing).
 * @param {string} record
 * @param {Record<string, unknown>} value
 * @param {string} salt
 * @returns {Promise<{field: string, digest: string}|null>}
 */
export async function sealValue(record, value, salt) {
  const field = personalFieldOf(value);
  if (field === null) return null;
  if (value[field] === null) return null;
  return { field, digest: await sha256(digestInput(record, salt, value)) };
}

/**
 * What a device signs for one value it writes, and the opening it keeps: the sealed value
 * and its opening for a personal value, the value itself (and no opening) otherwise.
 * @param {string} record the miner's id
 * @param {{stamp: string, device: string}} write the op's write id
 * @param {Record<string, unknown>} value the open value
 * @returns {Promise<{signed: Record<string, unknown>, opening: object|null}>}
 */
export async function sealForSigning(record, write, value) {
  const salt = randomSalt();
  const sealed = await sealValue(record, value, salt);
  if (sealed === null) return { signed: value, opening: null };
  return { signed: { sealed }, opening: { record, write: { ...write }, salt, value } };
}

/**
 * Whether an opening is the content of a sealed value.
 * @param {{record: string, salt: string, value: Record<string, unknown>}} opening
 * @param {{field: string, digest: string}} sealed
 */
export async function opens(opening, sealed) {
  if (personalFieldOf(opening.value) !== sealed.field) return false;
  return (await sha256(digestInput(opening.record, opening.salt, opening.value))) === sealed.digest;
}

/**
 * Opens, in place, the sealed value of a miner's state that an opening names.
 * @param {{fields: Record<string, {writes: any[]}>}} state a miner's `RecordState`
 * @param {{record: string, write: {stamp: string, device: string}, salt: string, value: Record<string, unknown>}} opening
 * @returns {Promise<'opened'|'already_open'|'erased'|'no_such_write'|'mismatch'>}
 */
export async function openInState(state, opening) {
  const field = personalFieldOf(opening.value);
  if (field === null) return 'mismatch';
  const history = Object.hasOwn(state.fields, field) ? state.fields[field] : undefined;
  const w = history?.writes.find((x) => compareWriteIds(x.id, opening.write) === 0);
  if (w === undefined) return 'no_such_write';
  if (w.value !== null && typeof w.value === 'object' && Object.hasOwn(w.value, 'sealed')) {
    if (!(await opens(opening, w.value.sealed))) return 'mismatch';
    w.value = opening.value;
    return 'opened';
  }
  if (w.value !== null && typeof w.value === 'object' && Object.hasOwn(w.value, 'erased')) return 'erased';
  return valuesEqual(w.value, opening.value) ? 'already_open' : 'mismatch';
}
