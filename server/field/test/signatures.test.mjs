//! Every entry of `signatures.json`, with WebCrypto: the device key of the fixed seed (its
//! public key), and for the sealed batch and pull request their Ed25519 signatures and
//! SHA-256 digests, reproduced exactly (Ed25519 is deterministic). The sealed bytes are
//! also rebuilt from the values of `encodings.json`, and a tampered byte fails to verify.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromHex } from '../js/protocol/bytes.js';
import { decodeJson, decodeMessage, encodeJson } from '../js/protocol/codec.js';
import { ZERO_DIGEST, ackMatches, generateDeviceKey, keyFromSeed, seal, sha256, sign, signedDigest, verify } from '../js/protocol/sign.js';
import { Batch, PullRequest, PushAck, Signed } from '../js/protocol/types.js';
import { loadVectors } from './vectors.mjs';

const v = loadVectors('signatures');
const encodings = loadVectors('encodings').vectors;
const encoding = (name) => encodings.find((e) => e.name === name);

/** Which message each signed entry seals, and its value in `encodings.json`. */
const SEALED = [
  [/^the Batch/, Batch, 'Batch'],
  [/^a PullRequest/, PullRequest, 'PullRequest'],
];

test('signatures.json', async (t) => {
  const key = await keyFromSeed(v.seed);
  let checked = 0;
  await t.test('the public key of the seed', () => {
    assert.equal(key.publicKey, v.public_key);
    checked++;
  });
  for (const s of v.signed) {
    await t.test(s.name, async () => {
      const bytes = fromHex(s.sealed);
      assert.equal(await sign(key.privateKey, bytes), s.signature, `${s.name}: signature`);
      assert.equal(await sha256(bytes), s.digest, `${s.name}: digest`);
      assert.ok(await verify(v.public_key, bytes, s.signature), `${s.name}: does not verify`);
      const tampered = bytes.slice();
      tampered[tampered.length - 1] ^= 1;
      assert.ok(!(await verify(v.public_key, tampered, s.signature)), `${s.name}: a tampered message verifies`);

      const rule = SEALED.find(([re]) => re.test(s.name));
      assert.ok(rule, `no message type for ${s.name}`);
      const [, schema, vectorName] = rule;
      const value = decodeJson(schema, encoding(vectorName).json);
      assert.deepStrictEqual(decodeMessage(schema, bytes), value, `${s.name}: sealed bytes read otherwise`);
      const sealed = await seal(schema, value, key.privateKey);
      assert.deepStrictEqual(sealed.signed, { sealed: s.sealed, signature: s.signature }, `${s.name}: sealed anew`);
      assert.equal(sealed.digest, s.digest);
      assert.equal(await signedDigest(sealed.signed), s.digest);
      checked++;
    });
  }
  await t.test('the push body and its acknowledgement name the same bytes', async () => {
    const batch = v.signed.find((s) => s.name.startsWith('the Batch'));
    const signed = decodeJson(Signed, encoding('Signed (a push body)').json);
    assert.deepStrictEqual(signed, { sealed: batch.sealed, signature: batch.signature });
    const ack = decodeJson(PushAck, encoding('PushAck').json);
    const sealedBatch = decodeMessage(Batch, fromHex(signed.sealed));
    assert.equal(sealedBatch.prev, ZERO_DIGEST);
    assert.ok(ackMatches(ack, sealedBatch, batch.digest));
    assert.ok(!ackMatches({ ...ack, seq: 2 }, sealedBatch, batch.digest));
    checked++;
  });
  t.diagnostic(`checked ${checked} signature vectors`);
});

test('a generated key is not extractable, and signs what it verifies', async () => {
  const key = await generateDeviceKey();
  assert.equal(key.privateKey.extractable, false);
  assert.match(key.publicKey, /^[0-9a-f]{64}$/);
  const message = fromHex('01020304');
  assert.ok(await verify(key.publicKey, message, await sign(key.privateKey, message)));
  assert.deepStrictEqual(encodeJson(Signed, { sealed: '01', signature: '00'.repeat(64) }), { sealed: '01', signature: '00'.repeat(64) });
});
