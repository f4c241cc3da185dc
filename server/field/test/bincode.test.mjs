//! The bincode primitives on their own: each varint width at its boundaries, written in
//! the shortest form and read back; zigzag for signed integers; f64, strings and byte
//! strings; and the reader's refusals (a form longer than needed, a marker too wide for
//! its type, a truncated value, a length past the end, bytes that are not UTF-8, a
//! trailing byte), each `malformed`.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Reader, Writer } from '../js/protocol/bincode.js';
import { fromHex, toHex } from '../js/protocol/bytes.js';
import { assertRefused } from './vectors.mjs';

/** @param {(w: Writer) => void} f */
function written(f) {
  const w = new Writer(1);
  f(w);
  return toHex(w.finish());
}

test('varints: the shortest form at every boundary', () => {
  const cases = [
    [0, '00'],
    [250, 'fa'],
    [251, 'fbfb00'],
    [0xffff, 'fbffff'],
    [0x10000, 'fc00000100'],
    [0xffffffff, 'fcffffffff'],
    [0x100000000, 'fd0000000001000000'],
    [(1n << 64n) - 1n, 'fdffffffffffffffff'],
    [1n << 64n, 'fe00000000000000000100000000000000'],
  ];
  for (const [value, hex] of cases) {
    assert.equal(written((w) => w.varint(value)), hex, `${value}`);
    const bits = typeof value === 'bigint' && value >= 1n << 64n ? 128 : 64;
    assert.equal(new Reader(fromHex(hex)).varint(bits), BigInt(value), `${value} read back`);
  }
  assert.equal(new Reader(fromHex('fbffff')).u16(), 0xffff);
  assert.equal(new Reader(fromHex('fcffffffff')).u32(), 0xffffffff);
});

test('zigzag: 0→0, -1→1, 1→2, -2→3, and the ends of i32', () => {
  for (const [value, hex] of [[0, '00'], [-1, '01'], [1, '02'], [-2, '03'], [2025, 'fbd20f'], [-2147483648, 'fcffffffff'], [2147483647, 'fcfeffffff']]) {
    assert.equal(written((w) => w.i32(value)), hex, `${value}`);
    assert.equal(new Reader(fromHex(hex)).i32(), value, `${value} read back`);
  }
});

test('f64, bool, strings and byte strings', () => {
  assert.equal(written((w) => w.f64(-11.5)), '00000000000027c0');
  assert.equal(new Reader(fromHex('0000000000802040')).f64(), 8.25);
  assert.equal(written((w) => w.string('Kono')), '044b6f6e6f');
  assert.equal(new Reader(fromHex('02c3a9')).string(), 'é');
  assert.equal(toHex(new Reader(fromHex('03010203')).byteString()), '010203');
  assert.equal(written((w) => w.bool(true)), '01');
  const long = 'x'.repeat(300);
  assert.equal(new Reader(fromHex(written((w) => w.string(long)))).string(), long);
});

test('the reader refuses what is not canonical or not whole', () => {
  const refusals = [
    ['5 as fb 05 00', (r) => r.u64(), 'fb0500'],
    ['250 as fb fa 00', (r) => r.u32(), 'fbfa00'],
    ['65535 as fc', (r) => r.u32(), 'fcffff0000'],
    ['2^32 - 1 as fd', (r) => r.u64(), 'fdffffffff00000000'],
    ['2^64 - 1 as fe', (r) => r.u128(), 'feffffffffffffffff0000000000000000'],
    ['a u32 marker for a u16', (r) => r.u16(), 'fc00000100'],
    ['a u64 marker for a u32', (r) => r.u32(), 'fd0000000001000000'],
    ['a u128 marker for a u64', (r) => r.u64(), 'fe00000000000000000100000000000000'],
    ['the reserved marker ff', (r) => r.u64(), 'ff'],
    ['a truncated u16', (r) => r.u16(), 'fb01'],
    ['a truncated f64', (r) => r.f64(), '000000'],
    ['nothing to read', (r) => r.u8(), ''],
    ['a bool of 2', (r) => r.bool(), '02'],
    ['a length past the end', (r) => r.byteString(), '05010203'],
    ['a string not UTF-8', (r) => r.string(), '02c328'],
    ['a lone continuation byte', (r) => r.string(), '0180'],
  ];
  for (const [what, read, hex] of refusals) {
    assertRefused(() => read(new Reader(fromHex(hex))), 'malformed', what);
  }
  const r = new Reader(fromHex('0500'));
  assert.equal(r.u32(), 5);
  assertRefused(() => r.end(), 'malformed', 'a trailing byte', /1 trailing bytes/);
});
