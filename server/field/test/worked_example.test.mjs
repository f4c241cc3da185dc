//! The worked example of `sync-protocol/PROTOCOL.md`, byte for byte, read from the document
//! itself: the device key of the seed 42…42, the batch in JSON and its sealed bytes, their
//! digest and signature, the push body in both encodings, the acknowledgement, and the
//! pull page plain, dense and in JSON; the page's record is also rebuilt by applying the
//! batch's op at its effective stamp, as the server does.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { fromHex, toHex } from '../js/protocol/bytes.js';
import { effectiveStamp } from '../js/protocol/clock.js';
import { decodeJson, decodeMessage, encodeJson, encodeMessage } from '../js/protocol/codec.js';
import { compactRecord } from '../js/protocol/merge.js';
import { applyOp, checkBatchShape } from '../js/protocol/op.js';
import { decodePage, encodePage } from '../js/protocol/page.js';
import { keyFromSeed, seal } from '../js/protocol/sign.js';
import { Batch, PullPage, PushAck, Signed } from '../js/protocol/types.js';

const doc = readFileSync(new URL('../../../sync-protocol/PROTOCOL.md', import.meta.url), 'utf8');
const example = doc.slice(doc.indexOf('## Worked example'), doc.indexOf('## Writing a client'));

/** Reads the example's fenced blocks in order, each found by the text that introduces it. */
class Blocks {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  /** The next block after `intro`, as text. @param {string} intro */
  after(intro) {
    const i = this.text.indexOf(intro, this.at);
    assert.ok(i >= 0, `the worked example has no ${JSON.stringify(intro)}`);
    const open = this.text.indexOf('```', i);
    const start = this.text.indexOf('\n', open) + 1;
    const end = this.text.indexOf('```', start);
    this.at = end + 3;
    return this.text.slice(start, end);
  }

  /** @param {string} intro */
  hex(intro) {
    return this.after(intro).replace(/\s+/g, '');
  }

  /** @param {string} intro */
  json(intro) {
    return JSON.parse(this.after(intro));
  }
}

test('the worked example of PROTOCOL.md', async () => {
  const b = new Blocks(example);
  const publicKey = b.hex('Public key:');
  const batchJson = b.json('The batch, as JSON:');
  const sealedHex = b.hex('Its binary encoding, the *sealed bytes*');
  const digest = b.hex('SHA-256 of the sealed bytes');
  const signature = b.hex('Ed25519 signature over the sealed bytes:');
  const signedHex = b.hex('The push body, `Signed` in binary');
  const signedJson = b.json('The same `Signed` as JSON:');
  const ackHex = b.hex('The acknowledgement, binary');
  const ackJson = b.json('and JSON:');
  const pageHex = b.hex('A pull page that returns the production record');
  const denseHex = b.hex('The same page in its dense form');
  const pageJson = b.json('And JSON (there is one JSON form of a page)');

  const key = await keyFromSeed('42'.repeat(32));
  assert.equal(key.publicKey, publicKey, 'public key');

  const batch = decodeJson(Batch, batchJson);
  checkBatchShape(batch);
  assert.equal(sealedHex.length / 2, 311);
  assert.equal(toHex(encodeMessage(Batch, batch)), sealedHex, 'sealed bytes');
  assert.deepStrictEqual(decodeMessage(Batch, fromHex(sealedHex)), batch);

  const sealed = await seal(Batch, batch, key.privateKey);
  assert.equal(sealed.digest, digest, 'digest');
  assert.equal(sealed.signed.signature, signature, 'signature');
  assert.equal(toHex(encodeMessage(Signed, sealed.signed)), signedHex, 'Signed, binary');
  assert.deepStrictEqual(encodeJson(Signed, sealed.signed), signedJson, 'Signed, JSON');

  const ack = decodeJson(PushAck, ackJson);
  assert.equal(toHex(encodeMessage(PushAck, ack)), ackHex, 'PushAck, binary');
  assert.deepStrictEqual(decodeMessage(PushAck, fromHex(ackHex)), ack);
  assert.equal(ack.digest, digest);

  const page = decodeJson(PullPage, pageJson);
  assert.deepStrictEqual(decodePage(fromHex(pageHex)), page, 'page, plain');
  assert.deepStrictEqual(decodePage(fromHex(denseHex)), page, 'page, dense');
  assert.equal(toHex(encodePage(page, 1)), pageHex, 'page, plain out');
  assert.equal(toHex(encodePage(page, 2)), denseHex, 'page, dense out');
  assert.deepStrictEqual(encodeJson(PullPage, page), pageJson, 'page, JSON out');

  // The page's production record is the batch's second op, applied at its effective stamp.
  const op = batch.ops[1];
  const record = applyOp({ production: { fields: {} } }, op, batch.device, effectiveStamp(op.stamp, ack.received));
  assert.deepStrictEqual(compactRecord(record), page.changes[0].state);
});
