//! Every entry of `personal.json`: for each personal value of the sample miner, the open
//! value, the value as signed and its opening in both encodings, the digest's input bytes
//! and the digest; the erased value; the signed `OpenRequest` (its bytes and Ed25519
//! signature) and the `OpenAck`; and one write's sealed, open and erased copies merged in
//! every listed order, where the copy of higher rank wins (sealed < open < erased).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromHex, toHex } from '../js/protocol/bytes.js';
import { decodeJson, decodeMessage, encodeJson, encodeMessage } from '../js/protocol/codec.js';
import { emptyState, insertWrite, rank } from '../js/protocol/merge.js';
import { digestInput, openInState, opens, personalFieldOf, sealForSigning, sealValue } from '../js/protocol/personal.js';
import { keyFromSeed, seal, sha256, sign } from '../js/protocol/sign.js';
import * as T from '../js/protocol/types.js';
import { loadVectors } from './vectors.mjs';

const v = loadVectors('personal');

/**
 * Checks one encoding vector (`{name, json, binary}`) of a type.
 * @param {any} schema
 * @param {{name: string, json: unknown, binary: string}} e
 */
function checkEncoding(schema, e) {
  const value = decodeJson(schema, e.json);
  assert.deepStrictEqual(decodeMessage(schema, fromHex(e.binary)), value, `${e.name}: binary and JSON differ`);
  assert.equal(toHex(encodeMessage(schema, value)), e.binary, `${e.name}: binary out`);
  assert.deepStrictEqual(encodeJson(schema, value), e.json, `${e.name}: JSON out`);
  return value;
}

test('personal.json', async (t) => {
  let checked = 0;
  for (const s of v.sealed) {
    await t.test(`sealed ${s.field}`, async () => {
      const open = checkEncoding(T.MinerField, s.value);
      assert.equal(personalFieldOf(open), s.field);
      assert.equal(toHex(digestInput(v.record, s.salt, open)), s.digest_input, `${s.field}: digest input`);
      assert.equal(await sha256(fromHex(s.digest_input)), s.digest, `${s.field}: digest`);
      const sealed = await sealValue(v.record, open, s.salt);
      assert.deepStrictEqual(sealed, { field: s.field, digest: s.digest });
      assert.deepStrictEqual(checkEncoding(T.MinerField, s.as_signed), { sealed });
      const opening = checkEncoding(T.Opening, s.opening);
      assert.deepStrictEqual(opening, { record: v.record, write: v.write, salt: s.salt, value: open });
      assert.ok(await opens(opening, sealed), `${s.field}: the opening does not open its value`);
      assert.ok(!(await opens({ ...opening, salt: '00'.repeat(16) }, sealed)), `${s.field}: another salt opens it`);
      assert.ok(!(await opens({ ...opening, record: v.write.device }, sealed)), `${s.field}: another record opens it`);
      checked++;
    });
  }
  await t.test('erased', () => {
    assert.deepStrictEqual(checkEncoding(T.MinerField, v.erased), { erased: 'national_id' });
    checked++;
  });
  await t.test('open_request', async () => {
    const r = v.open_request;
    const request = checkEncoding(T.OpenRequest, r.request);
    assert.equal(r.request.binary, r.sealed);
    const key = await keyFromSeed(r.seed);
    assert.equal(await sign(key.privateKey, fromHex(r.sealed)), r.signature, 'OpenRequest signature');
    const sealedRequest = await seal(T.OpenRequest, request, key.privateKey);
    assert.deepStrictEqual(sealedRequest.signed, { sealed: r.sealed, signature: r.signature });
    checked++;
  });
  await t.test('open_ack', () => {
    assert.deepStrictEqual(checkEncoding(T.OpenAck, v.open_ack), { opened: 1, erased: 0, waiting: [1] });
    checked++;
  });
  // One write's copies, as the reference implementation makes them: the names of the
  // sample miner sealed with the salt 01…01 (the first sealed entry), open, and erased.
  const names = v.sealed.find((s) => s.field === 'names');
  const copies = { sealed: names.as_signed.json, open: names.value.json, erased: { erased: 'names' } };
  // The region is not in the file; ranks decide every case, so any region gives the same.
  const region = '01920000-0000-7000-8000-000000000a01';
  for (const m of v.merge) {
    await t.test(`merge: ${m.inserted.join(', ')}`, () => {
      const state = emptyState();
      for (const which of m.inserted) {
        insertWrite(state, { id: v.write, effective: v.write.stamp, base: null, region, value: copies[which] }, 'miner');
      }
      assert.equal(state.fields.names.writes.length, 1);
      assert.deepStrictEqual(state.fields.names.writes[0].value, m.value, `inserted ${m.inserted}: value`);
      const best = Math.max(...m.inserted.map((which) => rank(copies[which])));
      assert.equal(rank(m.value), best);
      checked++;
    });
  }
  t.diagnostic(`checked ${checked} personal-value vectors`);
});

test('the ranks: sealed 0, open 1, erased 2', () => {
  assert.equal(rank({ sealed: { field: 'names', digest: '00'.repeat(32) } }), 0);
  assert.equal(rank({ names: 'Aminata Kamara' }), 1);
  assert.equal(rank({ body: { sealed: 1 } }), 1);
  assert.equal(rank({ erased: 'names' }), 2);
});

test('a value that is not personal, or left empty, is signed as it is', async () => {
  assert.equal(await sealValue(v.record, { home_region: v.record }, '01'.repeat(16)), null);
  assert.equal(await sealValue(v.record, { phone: null }, '01'.repeat(16)), null);
  const { signed, opening } = await sealForSigning(v.record, v.write, { registered_by: 'agent-07' });
  assert.deepStrictEqual(signed, { registered_by: 'agent-07' });
  assert.equal(opening, null);
});

test('a fresh salt for every value; the opening opens what was signed', async () => {
  const a = await sealForSigning(v.record, v.write, { names: 'Aminata Kamara' });
  const b = await sealForSigning(v.record, v.write, { names: 'Aminata Kamara' });
  assert.notEqual(a.opening.salt, b.opening.salt);
  assert.notEqual(a.signed.sealed.digest, b.signed.sealed.digest);
  assert.ok(await opens(a.opening, a.signed.sealed));
  assert.deepStrictEqual(decodeJson(T.Opening, a.opening), a.opening);
});

test('opening a sealed write in a state', async () => {
  const names = v.sealed.find((s) => s.field === 'names');
  const opening = decodeJson(T.Opening, names.opening.json);
  const state = emptyState();
  const write = { id: v.write, effective: v.write.stamp, base: null, region: v.record, value: names.as_signed.json };
  insertWrite(state, write, 'miner');
  assert.equal(await openInState(state, { ...opening, value: { names: 'Someone Else' } }), 'mismatch');
  assert.equal(await openInState(state, opening), 'opened');
  assert.deepStrictEqual(state.fields.names.writes[0].value, { names: 'Aminata Kamara' });
  assert.equal(await openInState(state, opening), 'already_open');
  assert.equal(await openInState(state, { ...opening, write: { ...v.write, stamp: '2025-11-28T13:54:11Z+0' } }), 'no_such_write');
  insertWrite(state, { ...write, value: { erased: 'names' } }, 'miner');
  assert.equal(await openInState(state, opening), 'erased');
});
