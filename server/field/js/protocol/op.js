/**
 * @file Ops (`sync-protocol/src/op.rs`): how one applies to a record's state, and the
 * shape rules the server checks before it accepts a batch.
 *
 * One op becomes one write per field it sets, all with the id `(op.stamp, device)`, the
 * op's region, and the set's value and base. Applying an op twice, or ops in any order,
 * gives the same state (`merge.js`).
 */

import { malformed } from './errors.js';
import { insertWrite } from './merge.js';
import { fieldKey } from './types/records.js';

/**
 * The collection an op writes to: its body's variant.
 * @param {{body: Record<string, unknown[]>}} op
 * @returns {string}
 */
export function opCollection(op) {
  return Object.keys(op.body)[0];
}

/**
 * The sets of an op.
 * @param {{body: Record<string, {value: unknown, base: unknown}[]>}} op
 */
export function opSets(op) {
  return op.body[opCollection(op)];
}

/**
 * Refuses what the protocol refuses in any op, whatever its values: an op that sets no
 * field (a record with no write, hence no region) and an op that sets one field twice
 * (two writes with one id). The server refuses a batch holding one as `malformed`, and a
 * refused batch blocks the device's chain: check before sealing.
 * @param {any} op
 */
export function checkOpShape(op) {
  const keys = opSets(op).map((s) => fieldKey(s.value));
  const what = `the ${opCollection(op)} op on record ${op.record}`;
  if (keys.length === 0) throw malformed(`${what} sets no field`);
  const seen = new Set();
  for (const k of keys) {
    if (seen.has(k)) throw malformed(`${what} sets the field ${JSON.stringify(k)} twice`);
    seen.add(k);
  }
}

/**
 * The batch's rules beyond decoding: sequence numbers start at 1, every op has a shape
 * the protocol admits.
 * @param {any} batch
 */
export function checkBatchShape(batch) {
  if (batch.seq === 0) throw malformed('batch sequence numbers start at 1');
  batch.ops.forEach((op, i) => {
    try {
      checkOpShape(op);
    } catch (e) {
      if (e.code === 'malformed') throw malformed(`op ${i}: ${e.detail}`);
      throw e;
    }
  });
}

/**
 * Applies an op written by `device` to a record (an `AnyRecord` of the op's collection,
 * `{"miner": {"fields": {}}}` for a new one), in place.
 * @param {Record<string, any>} record
 * @param {any} op
 * @param {string} device the writing device's id
 * @param {string|null} effective the server-fixed stamp; null on the writing device until
 *   the batch is acknowledged, then `effectiveStamp(op.stamp, ack.received)`
 */
export function applyOp(record, op, device, effective) {
  const collection = opCollection(op);
  const state = record[collection];
  if (state === undefined) throw new Error(`an op of ${collection} applied to a record of ${Object.keys(record)[0]}`);
  for (const set of opSets(op)) {
    insertWrite(
      state,
      { id: { stamp: op.stamp, device }, effective, base: set.base ?? null, region: op.region, value: set.value },
      collection,
    );
  }
  return record;
}
