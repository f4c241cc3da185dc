//! Every case of `merge.json`, in every insertion order it lists: the writes of one field
//! give the stated state (both encodings), winner, conflicts and compacted form. Each
//! order is also checked as a merge of two states (the writes split in two), and the
//! compacted state is checked to show the same winner and conflicts as the full one.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeJson, decodeMessage, encodeJson, encodeMessage } from '../js/protocol/codec.js';
import {
  compactRecord,
  emptyState,
  historyConflicts,
  insertWrite,
  mergeStates,
  winner,
} from '../js/protocol/merge.js';
import { AnyRecord, WRITE_OF, WriteId } from '../js/protocol/types.js';
import { loadVectors } from './vectors.mjs';

const cases = loadVectors('merge').cases;

/**
 * The state the writes give, inserted in `order`.
 * @param {any[]} writes
 * @param {number[]} order
 */
function stateOf(writes, order) {
  const state = emptyState();
  for (const i of order) insertWrite(state, writes[i], 'miner');
  return { miner: state };
}

test('merge.json', async (t) => {
  let orders = 0;
  for (const c of cases) {
    await t.test(c.name, async (t) => {
      const writes = c.writes.map((w) => decodeJson(WRITE_OF.miner, w));
      const want = decodeJson(AnyRecord, c.state);
      for (const order of c.orders) {
        await t.test(`order ${order.join(',')}`, () => {
          const got = stateOf(writes, order);
          assert.deepStrictEqual(encodeJson(AnyRecord, got), c.state, `${c.name}, order ${order}: state`);
          assert.deepStrictEqual(got, want);
          assert.deepStrictEqual(decodeMessage(AnyRecord, encodeMessage(AnyRecord, got)), got);

          const h = got.miner.fields.phone;
          const win = winner(h);
          assert.deepStrictEqual(win && encodeJson(WriteId, win.id), c.winner, `${c.name}, order ${order}: winner`);
          assert.deepStrictEqual(
            historyConflicts(h).map((w) => encodeJson(WriteId, w.id)),
            c.conflicts,
            `${c.name}, order ${order}: conflicts`,
          );

          const compacted = compactRecord(got);
          assert.deepStrictEqual(encodeJson(AnyRecord, compacted), c.compacted, `${c.name}, order ${order}: compacted`);
          const ch = compacted.miner.fields.phone;
          assert.deepStrictEqual(winner(ch)?.id, win?.id, 'compaction changed the winner');
          assert.deepStrictEqual(
            historyConflicts(ch).map((w) => w.id),
            historyConflicts(h).map((w) => w.id),
            'compaction changed the conflicts',
          );

          // The same writes as two replicas' states, joined: the same state.
          const half = Math.ceil(order.length / 2);
          const left = stateOf(writes, order.slice(0, half));
          const right = stateOf(writes, order.slice(half));
          assert.deepStrictEqual(
            encodeJson(AnyRecord, { miner: mergeStates(right.miner, left.miner, 'miner') }),
            c.state,
            `${c.name}, order ${order}: merged halves`,
          );
          orders++;
        });
      }
    });
  }
  t.diagnostic(`checked ${cases.length} merge cases in ${orders} insertion orders`);
});

test('inserting a write twice changes nothing; merging a state into itself changes nothing', () => {
  const c = cases[0];
  const writes = c.writes.map((w) => decodeJson(WRITE_OF.miner, w));
  const once = stateOf(writes, [0, 1, 2]);
  const twice = stateOf(writes, [0, 1, 2, 2, 1, 0]);
  assert.deepStrictEqual(twice, once);
  const copy = structuredClone(once);
  mergeStates(copy.miner, once.miner, 'miner');
  assert.deepStrictEqual(copy, once);
});

test('a write given without its base or effective stamp is held with null, and joins its copy', () => {
  const c = cases.find((x) => x.name.startsWith('two copies of one write'));
  const [pending, fixed] = c.writes.map((w) => decodeJson(WRITE_OF.miner, w));
  const { base, effective, ...bare } = pending;
  assert.equal(base, null);
  assert.equal(effective, null);
  const state = emptyState();
  insertWrite(state, bare, 'miner');
  assert.deepStrictEqual(state.fields.phone.writes[0], pending);
  insertWrite(state, fixed, 'miner');
  assert.deepStrictEqual(encodeJson(AnyRecord, { miner: state }), c.state);
});
