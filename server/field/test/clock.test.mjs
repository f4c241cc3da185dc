//! Every entry of `clock.json`: `tick` and `observe` from a given last stamp and wall
//! time, the effective stamp, `Hlc` strings against their integers and binary forms, and
//! times with an offset or digits past the millisecond as the reference implementation
//! reads them. Then the reading rules the vectors do not show: counters, leap seconds,
//! years, and which refusal is `malformed` and which `invalid_value`.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromHex, toHex } from '../js/protocol/bytes.js';
import { Clock, canonicalHlc, compareHlc, effectiveStamp, formatHlc, hlcPack, parseHlc } from '../js/protocol/clock.js';
import { decodeMessage, encodeMessage } from '../js/protocol/codec.js';
import { hlc } from '../js/protocol/schema.js';
import { assertRefused, loadVectors } from './vectors.mjs';

const v = loadVectors('clock');

test('clock.json', async (t) => {
  let checked = 0;
  for (const [i, c] of v.tick.entries()) {
    await t.test(`tick ${i}: last ${c.last}, wall ${c.wall_ms}`, () => {
      const clock = new Clock(c.last);
      const next = clock.tick(c.wall_ms);
      assert.equal(next, c.next);
      assert.equal(parseHlc(next), BigInt(c.next_raw));
      assert.equal(clock.last, c.next);
      checked++;
    });
  }
  for (const [i, c] of v.observe.entries()) {
    await t.test(`observe ${i}: last ${c.last}, remote ${c.remote}`, () => {
      const clock = new Clock(c.last);
      assert.equal(clock.observe(c.remote, c.wall_ms), c.next);
      checked++;
    });
  }
  for (const [i, c] of v.effective.entries()) {
    await t.test(`effective ${i}: stamp ${c.stamp}, received ${c.received}`, () => {
      assert.equal(effectiveStamp(c.stamp, c.received), c.effective);
      checked++;
    });
  }
  for (const c of v.strings) {
    await t.test(`string ${c.json}`, () => {
      const raw = BigInt(c.raw);
      assert.equal(parseHlc(c.json), raw);
      assert.equal(formatHlc(raw), c.json);
      assert.equal(toHex(encodeMessage(hlc, c.json)), c.binary);
      assert.equal(decodeMessage(hlc, fromHex(c.binary)), c.json);
      checked++;
    });
  }
  for (const c of v.parse) {
    await t.test(`parse ${c.text}`, () => {
      assert.equal(canonicalHlc(c.text), c.means);
      assert.equal(parseHlc(c.text), parseHlc(c.means));
      checked++;
    });
  }
  const total = v.tick.length + v.observe.length + v.effective.length + v.strings.length + v.parse.length;
  assert.equal(checked, total);
  t.diagnostic(`checked ${checked} clock vectors`);
});

test('stamps compare as integers, never as text', () => {
  assert.ok(compareHlc('2025-11-28T13:55:10.5Z+0', '2025-11-28T13:55:10Z+1') > 0);
  assert.ok(compareHlc('2025-11-28T13:55:10Z+10', '2025-11-28T13:55:10Z+9') > 0);
  assert.equal(compareHlc('2025-11-28T14:55:10+01:00+3', '2025-11-28T13:55:10Z+3'), 0);
});

test('reading a stamp', async (t) => {
  await t.test('the fraction is written without trailing zeros, and only when not zero', () => {
    assert.equal(formatHlc(hlcPack(1_764_338_113_500, 0)), '2025-11-28T13:55:13.5Z+0');
    assert.equal(formatHlc(hlcPack(1_764_338_113_120, 2)), '2025-11-28T13:55:13.12Z+2');
    assert.equal(formatHlc(hlcPack(0, 0)), '1970-01-01T00:00:00Z+0');
  });
  await t.test('digits past the millisecond are dropped, not rounded', () => {
    assert.equal(canonicalHlc('2025-11-28T13:55:10.1239999Z+0'), '2025-11-28T13:55:10.123Z+0');
  });
  await t.test('any offset, lowercase z, another separator', () => {
    assert.equal(canonicalHlc('2025-11-28T08:25:10-05:30+1'), '2025-11-28T13:55:10Z+1');
    assert.equal(canonicalHlc('2025-11-28t13:55:10z+1'), '2025-11-28T13:55:10Z+1');
    assert.equal(canonicalHlc('2025-11-28 13:55:10Z+1'), '2025-11-28T13:55:10Z+1');
  });
  await t.test('a leap second reads as the nanosecond before it, where one can be', () => {
    assert.equal(canonicalHlc('2016-12-31T23:59:60Z+0'), '2016-12-31T23:59:59.999Z+0');
    assertRefused(() => parseHlc('2016-12-30T23:59:60Z+0'), 'invalid_value', 'not the last day of a month');
  });
  await t.test('counters: 0 to 65535, leading zeros allowed', () => {
    assert.equal(canonicalHlc('2025-11-28T13:55:10Z+007'), '2025-11-28T13:55:10Z+7');
    assert.equal(canonicalHlc('2025-11-28T13:55:10Z+65535'), '2025-11-28T13:55:10Z+65535');
    assertRefused(() => parseHlc('2025-11-28T13:55:10Z+65536'), 'invalid_value', 'counter 65536');
    assertRefused(() => parseHlc('2025-11-28T13:55:10Z+'), 'invalid_value', 'no counter digits');
  });
  await t.test('refusals, with the server classification', () => {
    assertRefused(() => parseHlc('2025-11-28T13:55:10Z'), 'malformed', 'no counter');
    assertRefused(() => parseHlc('1969-12-31T23:59:59Z+0'), 'malformed', 'before 1970');
    assertRefused(() => parseHlc('9999-12-31T23:59:59-01:00+0'), 'malformed', 'after 9999 in UTC');
    assertRefused(() => parseHlc('2025-02-29T00:00:00Z+0'), 'invalid_value', 'no such day');
    assertRefused(() => parseHlc('2025-11-28T24:00:00Z+0'), 'invalid_value', 'hour 24');
    assertRefused(() => parseHlc('2025-11-28T13:55:10+24:00+0'), 'invalid_value', 'offset 24 h');
    assertRefused(() => parseHlc('2025-11-28T13:55:10.Z+0'), 'invalid_value', 'empty fraction');
    assertRefused(() => parseHlc(5), 'malformed', 'a number');
  });
  await t.test('a stamp just before 1970 by less than a millisecond reads as 0, as it does in Rust', () => {
    assert.equal(canonicalHlc('1969-12-31T23:59:59.9995Z+0'), '1970-01-01T00:00:00Z+0');
  });
});

test('a clock never goes back and carries its counter into the next millisecond', () => {
  const clock = new Clock();
  const a = clock.tick(1_000);
  const b = clock.tick(1_000);
  const c = clock.tick(500);
  assert.ok(compareHlc(b, a) > 0 && compareHlc(c, b) > 0);
  assert.equal(clock.tick(2_000), formatHlc(hlcPack(2_000, 0)));
  const full = new Clock(formatHlc(hlcPack(3_000, 0xffff)));
  assert.equal(full.tick(0), formatHlc(hlcPack(3_001, 0)));
});
