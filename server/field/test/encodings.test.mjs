//! Every entry of `encodings.json`: its JSON and its binary form decode to one value, and
//! that value encodes to exactly those bytes and that JSON. Then what the server refuses,
//! refused with the server's code: a trailing byte, a truncated message, a varint not in
//! its shortest form, an unknown JSON field in what a device sends, uppercase hex, another
//! version byte (`malformed`, `unsupported_version`); a latitude of 91, an empty or padded
//! name, a stamp after 9999, a day that does not exist (`invalid_value`).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { concatBytes, fromHex, toHex } from '../js/protocol/bytes.js';
import { MAX_MESSAGE, decodeJson, decodeJsonText, decodeMessage, encodeJson, encodeMessage } from '../js/protocol/codec.js';
import { hlc } from '../js/protocol/schema.js';
import * as T from '../js/protocol/types.js';
import { assertRefused, loadVectors } from './vectors.mjs';
import { vectorSchema } from './schemas.mjs';

const vectors = loadVectors('encodings').vectors;

/**
 * The schema of a vector, from its name. An unknown name fails: a new kind of vector
 * must be given its type in `schemas.mjs`.
 * @param {string} name
 */
function schemaFor(name) {
  const schema = vectorSchema(name);
  assert.ok(schema, `no schema for the vector ${JSON.stringify(name)}: give it its type`);
  return schema;
}

/** @param {string} name */
function vector(name) {
  const v = vectors.find((x) => x.name === name);
  assert.ok(v, `no vector ${name}`);
  return v;
}

test(`encodings.json: ${vectors.length} vectors in both encodings`, async (t) => {
  let checked = 0;
  for (const v of vectors) {
    await t.test(v.name, () => {
      const schema = schemaFor(v.name);
      const fromJson = decodeJson(schema, v.json);
      assert.deepStrictEqual(encodeJson(schema, fromJson), v.json, `${v.name}: JSON out differs from the vector's`);
      assert.deepStrictEqual(decodeJsonText(schema, JSON.stringify(v.json)), fromJson, `${v.name}: JSON text reads otherwise`);
      if (v.binary !== undefined) {
        const fromBinary = decodeMessage(schema, fromHex(v.binary));
        assert.deepStrictEqual(fromBinary, fromJson, `${v.name}: binary and JSON decode to different values`);
        assert.equal(toHex(encodeMessage(schema, fromJson)), v.binary, `${v.name}: binary out differs from the vector's`);
      }
      checked++;
    });
  }
  assert.equal(checked, vectors.length);
  t.diagnostic(`checked ${checked} encoding vectors`);
});

test('a message is exactly one value', async (t) => {
  const batch = fromHex(vector('Batch').binary);
  await t.test('a trailing byte is malformed', () => {
    assertRefused(() => decodeMessage(T.Batch, concatBytes(batch, Uint8Array.of(0))), 'malformed', 'Batch + 00');
  });
  await t.test('a truncated message is malformed', () => {
    for (const cut of [1, 2, batch.length - 1]) {
      assertRefused(() => decodeMessage(T.Batch, batch.subarray(0, cut)), 'malformed', `Batch cut at ${cut}`);
    }
  });
  await t.test('an empty message is malformed', () => {
    assertRefused(() => decodeMessage(T.Batch, new Uint8Array(0)), 'malformed', 'empty');
  });
  await t.test('another version byte is unsupported_version', () => {
    const v2 = batch.slice();
    v2[0] = 2;
    assertRefused(() => decodeMessage(T.Batch, v2), 'unsupported_version', 'Batch with 02');
  });
  await t.test('a message over 16 MiB is too_large', () => {
    const huge = new Uint8Array(MAX_MESSAGE + 1);
    huge[0] = 1;
    assertRefused(() => decodeMessage(T.Batch, huge), 'too_large', '16 MiB + 1');
  });
  await t.test('a length past the end of the message is malformed, without allocating it', () => {
    // A PullRequest whose regions claim 2^64 - 1 entries.
    const bytes = fromHex(`0110${'01920000000070008000000000000001'}0100fdffffffffffffffff`);
    assertRefused(() => decodeMessage(T.PullRequest, bytes), 'malformed', 'huge length');
  });
});

test('only the shortest form of a varint is read', async (t) => {
  // PullRequest: 01 | 10 + device | nonce 01 | cursor 00 | regions 00 | limit fb f4 01.
  const device = '1001920000000070008000000000000001';
  const good = `01${device}010000fbf401`;
  assert.deepEqual(decodeMessage(T.PullRequest, fromHex(good)).limit, 500);
  const cases = [
    ['the nonce 1 as fb 01 00', `01${device}fb01000000fbf401`],
    ['the limit 500 as fc f4 01 00 00', `01${device}010000fcf4010000`],
    ['the nonce 1 as fd + 8 bytes', `01${device}fd01000000000000000000fbf401`],
    ['the limit (u32) with a u64 marker', `01${device}010000fdf401000000000000`],
    ['the limit with the reserved marker ff', `01${device}010000ff`],
  ];
  for (const [what, hex] of cases) {
    await t.test(what, () => assertRefused(() => decodeMessage(T.PullRequest, fromHex(hex)), 'malformed', what));
  }
});

test('what a device sends refuses unknown JSON fields; what the server sends ignores them', async (t) => {
  const withField = (json, at) => {
    const copy = structuredClone(json);
    at(copy).surplus = 1;
    return copy;
  };
  const strict = [
    ['Batch', (j) => j],
    ['Batch', (j) => j.ops[0]],
    ['Batch', (j) => j.ops[0].body.miner[0]],
    ['Batch', (j) => j.ops[1].body.production[0].value.body],
    ['Batch', (j) => j.ops[1].body.production[0].value.body.fix.point],
    ['Op (production)', (j) => j.body.production[0].value.body],
    ['Op (sale)', (j) => j],
    ['Signed (a push body)', (j) => j],
    ['PullRequest', (j) => j],
    ['AckRequest', (j) => j],
    ["PhotoChunk (the first chunk of a miner's photo)", (j) => j],
    ['NotesRequest', (j) => j],
    ['NotesRequest', (j) => j.after],
    ['EnrolRequest', (j) => j],
    ['WriteId', (j) => j],
    ['Stones::Counted', (j) => j.counted],
  ];
  for (const [name, at] of strict) {
    await t.test(`${name}: an unknown field is malformed`, () => {
      const v = vector(name);
      assertRefused(() => decodeJson(schemaFor(name), withField(v.json, at)), 'malformed', name);
    });
  }
  for (const name of [
    'PushAck',
    'Enrolment',
    'PullPage (a region record, then a production)',
    'NotesPage (a flag resolved with a note)',
  ]) {
    await t.test(`${name}: an unknown field is ignored`, () => {
      const v = vector(name);
      assert.deepStrictEqual(decodeJson(schemaFor(name), withField(v.json, (j) => j)), decodeJson(schemaFor(name), v.json));
    });
  }
  await t.test('an unknown variant is malformed', () => {
    assertRefused(() => decodeJson(T.MinerField, { nickname: 'Ami' }), 'malformed', 'MinerField::nickname');
    assertRefused(() => decodeJson(T.Sex, 'other'), 'malformed', 'Sex::other');
    assertRefused(() => decodeJson(T.MinerField, { names: 'A', sex: 'male' }), 'malformed', 'two variants');
  });
  await t.test('a missing Option field reads as null, a missing other field is malformed', () => {
    const { value } = vector('Set with a base').json;
    assert.deepStrictEqual(decodeJson(T.SetOf(T.MinerField), { value }), { value, base: null });
    assertRefused(() => decodeJson(T.SetOf(T.MinerField), { base: null }), 'malformed', 'Set without value');
  });
  await t.test('uppercase hex is malformed', () => {
    const v = vector('Signed (a push body)').json;
    assertRefused(() => decodeJson(T.Signed, { ...v, signature: v.signature.toUpperCase() }), 'malformed', 'uppercase');
    assertRefused(() => decodeJson(T.Signed, { ...v, signature: v.signature.slice(2) }), 'malformed', '63 bytes');
  });
  await t.test('JSON text that does not parse is malformed', () => {
    assertRefused(() => decodeJsonText(T.WriteId, '{"stamp": '), 'malformed', 'cut JSON');
  });
});

test('values out of range are invalid_value, in both encodings and when encoding', async (t) => {
  const point = vector('Point (longitude first)');
  await t.test('a latitude of 91', () => {
    assertRefused(() => decodeJson(T.Point, { lon: -11.5, lat: 91 }), 'invalid_value', 'JSON');
    const bytes = fromHex(point.binary);
    new DataView(bytes.buffer).setFloat64(9, 91, true);
    assertRefused(() => decodeMessage(T.Point, bytes), 'invalid_value', 'binary');
    assertRefused(() => encodeMessage(T.Point, { lon: -11.5, lat: 91 }), 'invalid_value', 'encoding');
  });
  await t.test('an empty name, a name with surrounding spaces, a name of control characters', () => {
    for (const bad of ['', '   ', ' Aminata Kamara', 'Aminata Kamara\u00a0', 'Aminata\u0007', 'x'.repeat(201)]) {
      assertRefused(() => decodeJson(T.MinerField, { names: bad }), 'invalid_value', JSON.stringify(bad));
      assertRefused(() => encodeMessage(T.MinerField, { names: bad }), 'invalid_value', JSON.stringify(bad));
    }
    assert.deepStrictEqual(decodeJson(T.MinerField, { names: 'é'.repeat(200) }), { names: 'é'.repeat(200) });
  });
  await t.test('other ranges', () => {
    const bad = [
      [T.Carats, 1_000_000_000_001],
      [T.UsdCents, 10_000_000_000_001],
      [T.BirthYear, 1899],
      [T.Diggers, 0],
      [T.AccuracyMetres, 0],
      [T.Phone, 'call me'],
      [T.Phone, '12345'],
      [T.CountryCode, 'be'],
      [T.Ring, [{ lon: 0, lat: 0 }, { lon: 1, lat: 1 }, { lon: 0, lat: 0 }]],
    ];
    for (const [schema, value] of bad) {
      assertRefused(() => decodeJson(schema, value), 'invalid_value', `${schema.name} ${JSON.stringify(value)}`);
    }
    assert.equal(decodeJson(T.Phone, '+233 24 123 4567'), '+233 24 123 4567');
  });
  await t.test('a type mismatch is malformed, not invalid_value', () => {
    assertRefused(() => decodeJson(T.BirthYear, 70000), 'malformed', 'u16 overflow');
    assertRefused(() => decodeJson(T.Carats, -1), 'malformed', 'negative');
    assertRefused(() => decodeJson(T.Carats, 1.5), 'malformed', 'fraction');
    assertRefused(() => decodeJson(T.Carats, '125'), 'malformed', 'string');
  });
  await t.test('a stamp after the year 9999', () => {
    // (MAX_MS + 1) << 16 as a u64 varint.
    const raw = (253_402_300_800_000n << 16n).toString(16).padStart(16, '0');
    const le = raw.match(/../g).reverse().join('');
    assertRefused(() => decodeMessage(hlc, fromHex(`01fd${le}`)), 'invalid_value', 'binary');
    assertRefused(() => decodeJson(hlc, '10000-01-01T00:00:00Z+0'), 'invalid_value', 'JSON');
    const last = (253_402_300_799_999n << 16n) | 7n;
    const lastLe = last.toString(16).padStart(16, '0').match(/../g).reverse().join('');
    assert.equal(decodeMessage(hlc, fromHex(`01fd${lastLe}`)), '9999-12-31T23:59:59.999Z+7');
  });
  await t.test('a day that does not exist', () => {
    // 2025 is fb d2 0f; day 400 is fb 90 01; day 366 is fb 6e 01.
    assertRefused(() => decodeMessage(T.Day, fromHex('01fbd20ffb9001')), 'invalid_value', 'day 400');
    assertRefused(() => decodeMessage(T.Day, fromHex('01fbd20ffb6e01')), 'invalid_value', 'day 366 of 2025');
    assertRefused(() => decodeMessage(T.Day, fromHex('01fbd20f00')), 'invalid_value', 'day 0');
    assert.equal(decodeMessage(T.Day, fromHex('01fbd00ffb6e01')), '2024-12-31');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-11-31', 'yesterday']) {
      assertRefused(() => decodeJson(T.Day, bad), 'invalid_value', bad);
    }
  });
  await t.test('a UUID of another length is malformed', () => {
    assertRefused(() => decodeMessage(T.WriteId, fromHex('01000f000102030405060708090a0b0c0d0e')), 'malformed', '15 bytes');
    assertRefused(() => decodeJson(T.WriteId, { stamp: '2025-11-28T13:55:10Z+0', device: 'not-a-uuid' }), 'malformed', 'JSON');
  });
  await t.test('a string that is not UTF-8 is malformed', () => {
    assertRefused(() => decodeMessage(T.MinerField, fromHex('0100' + '02c328')), 'malformed', 'bad UTF-8');
  });
  await t.test('a bool or option tag other than 0 and 1 is malformed', () => {
    const page = fromHex(vector('PullPage (a region record, then a production)').binary);
    const bad = page.slice();
    // The page ends with more (00) then a 9-byte stamp.
    bad[bad.length - 10] = 2;
    assertRefused(() => decodeMessage(T.PullPage, bad), 'malformed', 'more = 02');
    assertRefused(() => decodeMessage(T.MinerField, fromHex('010602')), 'malformed', 'option tag 02');
  });
});

test('JSON is read as the reference implementation reads it, then written in one form', () => {
  const id = { stamp: '2025-11-28T14:55:10.123+01:00+0', device: '01920000-0000-7000-8000-0000000000FF' };
  assert.deepStrictEqual(decodeJson(T.WriteId, id), {
    stamp: '2025-11-28T13:55:10.123Z+0',
    device: '01920000-0000-7000-8000-0000000000ff',
  });
  assert.equal(decodeJson(T.Sex, 'female'), 'female');
  assert.equal(decodeJson(T.Sex, { female: null }), 'female');
  assert.deepStrictEqual(encodeJson(T.ErrorBody, { code: 'malformed', message: 'x', expected_seq: null }), {
    code: 'malformed',
    message: 'x',
  });
});
