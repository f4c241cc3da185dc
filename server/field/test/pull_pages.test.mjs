//! Every entry of `pull_pages.json`: the JSON page with a change of a collection this
//! version does not define (skipped; the known changes and the cursor kept), the same
//! page in binary, that page in its dense form (version 2: decoded to the same page, and
//! encoded to exactly those bytes), and each dense page a client must refuse as
//! `malformed`. Then the dense rules the file does not show, and a page's first byte.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { concatBytes, fromHex, toHex } from '../js/protocol/bytes.js';
import { decodeJson, encodeJson } from '../js/protocol/codec.js';
import { fromDense, toDense } from '../js/protocol/dense.js';
import { decodeJsonPage, decodePage, encodePage } from '../js/protocol/page.js';
import { PullPage } from '../js/protocol/types.js';
import { assertRefused, loadVectors } from './vectors.mjs';

const v = loadVectors('pull_pages');
const plainVector = loadVectors('encodings').vectors.find((e) => e.name.startsWith('PullPage'));

test('pull_pages.json', async (t) => {
  let checked = 0;
  await t.test('json_page: the unknown collection is skipped, the others and the cursor kept', () => {
    const { page, skipped } = decodeJsonPage(v.json_page);
    assert.equal(skipped, 1);
    assert.deepStrictEqual(
      page.changes.map((c) => ({ collection: c.collection, record: c.record })),
      v.keeps.records,
    );
    assert.equal(page.cursor, v.keeps.cursor);
    // Read strictly, as one message of this version, the page is refused.
    assertRefused(() => decodeJson(PullPage, v.json_page), 'malformed', 'the page read strictly');
    checked++;
  });
  const plain = decodeJson(PullPage, plainVector.json);
  await t.test('binary_page', () => {
    assert.equal(v.binary_page, plainVector.binary);
    const page = decodePage(fromHex(v.binary_page));
    assert.deepStrictEqual(page, plain);
    assert.equal(toHex(encodePage(page, 1)), v.binary_page);
    checked++;
  });
  await t.test('dense.binary_page', () => {
    const dense = fromHex(v.dense.binary_page);
    assert.equal(dense[0], 2);
    assert.deepStrictEqual(decodePage(dense), plain, 'the dense page stands for another page');
    assert.equal(toHex(encodePage(plain, 2)), v.dense.binary_page, 'the dense encoding differs');
    assert.deepStrictEqual(encodeJson(PullPage, decodePage(dense)), plainVector.json);
    checked++;
  });
  for (const r of v.dense.refused) {
    await t.test(`refused: ${r.why}`, () => {
      assertRefused(() => decodePage(fromHex(r.binary_page)), 'malformed', r.why);
      checked++;
    });
  }
  t.diagnostic(`checked ${checked} pull-page vectors`);
});

test('the dense rules the vectors do not show', async (t) => {
  const dense = toDense(decodeJson(PullPage, plainVector.json));
  const refused = (d, what, reason) => assertRefused(() => fromDense(d), 'malformed', what, reason);
  await t.test('the tables: every device and region once, in order of first use', () => {
    assert.deepStrictEqual(dense.regions, ['01920000-0000-7000-8000-000000000a01']);
    assert.deepStrictEqual(dense.devices, ['00000000-0000-0000-0000-000000000000', '01920000-0000-7000-8000-000000000001']);
  });
  await t.test('a device index past its table', () => {
    const d = structuredClone(dense);
    d.devices.pop();
    refused(d, 'device table', /device index 1 is past its table of 1/);
  });
  await t.test('fields out of order, or one sent twice', () => {
    const d = structuredClone(dense);
    d.changes[0].state.region.reverse();
    refused(d, 'reversed fields', /out of order or sent twice/);
    const e = structuredClone(dense);
    e.changes[0].state.region.push(structuredClone(e.changes[0].state.region.at(-1)));
    refused(e, 'a field twice', /field parent is out of order or sent twice/);
  });
  await t.test('a write of another field among a field’s writes, the same write twice', () => {
    const d = structuredClone(dense);
    const fields = d.changes[0].state.region;
    fields[0].writes.push(structuredClone(fields[1].writes[0]));
    refused(d, 'stray write', /a write of level among the writes of boundary/);
    const e = structuredClone(dense);
    e.changes[0].state.region[0].writes.push(structuredClone(e.changes[0].state.region[0].writes[0]));
    refused(e, 'a write twice', /the writes of boundary are out of order/);
  });
  await t.test('overwritten ids out of order', () => {
    const d = structuredClone(dense);
    const id = { stamp: '2025-11-28T13:55:00Z+0', device: 0 };
    d.changes[0].state.region[0].overwritten = [id, id];
    refused(d, 'overwritten twice', /overwritten ids of boundary are out of order/);
  });
  await t.test('a seq carried past 2^64', () => {
    const d = structuredClone(dense);
    d.changes[1].seq_step = (1n << 64n) - 1n;
    refused(d, 'seq past 2^64', /past 2\^64/);
  });
  await t.test('a truncated dense page, a trailing byte', () => {
    const bytes = fromHex(v.dense.binary_page);
    assertRefused(() => decodePage(bytes.subarray(0, bytes.length - 1)), 'malformed', 'truncated');
    assertRefused(() => decodePage(concatBytes(bytes, Uint8Array.of(0))), 'malformed', 'trailing byte');
  });
});

test('a page is read by its first byte', () => {
  const bytes = fromHex(v.binary_page);
  const v3 = bytes.slice();
  v3[0] = 3;
  assertRefused(() => decodePage(v3), 'unsupported_version', 'version 3');
  assertRefused(() => decodePage(new Uint8Array(0)), 'malformed', 'empty');
});

test('a JSON page whose changes are all known skips none', () => {
  const { page, skipped } = decodeJsonPage(plainVector.json);
  assert.equal(skipped, 0);
  assert.deepStrictEqual(page, decodeJson(PullPage, plainVector.json));
  assertRefused(() => decodeJsonPage({ changes: 'none' }), 'malformed', 'changes not a list');
});
