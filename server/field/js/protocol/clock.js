/**
 * @file The hybrid logical clock (HLC): one `u64`, `unix_ms << 16 | counter`.
 *
 * In this core's values an `Hlc` is its JSON string, `"2025-11-28T13:55:10.123Z+0"`, so
 * that values are their JSON form; the packed integer is a `bigint` (it passes 2^53, so
 * a JavaScript number cannot hold it). Stamps are compared as integers, never as strings:
 * `"…10.5Z+0"` is after `"…10Z+1"`, and counters past 9 do not sort as text.
 *
 * Reading follows the reference implementation exactly: any RFC 3339 time (any offset,
 * `T` or any other one-byte separator, `Z` or `z`), the counter after the last `+`, digits
 * past the millisecond dropped (truncated), years 1970 to 9999. Writing gives one form:
 * UTC, with a fraction only when the milliseconds are not zero, without its trailing zeros.
 */

import { civilFromDays, daysFromCivil, daysInMonth } from './day.js';
import { invalidValue, malformed } from './errors.js';

const COUNTER_BITS = 16n;
/** The last millisecond of the year 9999: later stamps have no RFC 3339 form. */
export const MAX_MS = 253_402_300_799_999;
const MAX_MS_BIG = BigInt(MAX_MS);
/** The zero stamp, where a new clock starts. */
export const HLC_ZERO = '1970-01-01T00:00:00Z+0';

/**
 * The packed integer of a stamp's parts. The milliseconds are clamped to the year 9999,
 * as the reference implementation's constructor clamps them.
 * @param {number} unixMs
 * @param {number} counter 0 to 65535
 * @returns {bigint}
 */
export function hlcPack(unixMs, counter) {
  const ms = BigInt(Math.min(Math.max(0, Math.floor(unixMs)), MAX_MS));
  return (ms << COUNTER_BITS) | BigInt(counter & 0xffff);
}

/** @param {bigint} raw @returns {number} */
export function hlcUnixMs(raw) {
  return Number(raw >> COUNTER_BITS);
}

/** @param {bigint} raw @returns {number} */
export function hlcCounter(raw) {
  return Number(raw & 0xffffn);
}

/**
 * Whether a packed stamp is one the protocol admits (not after the year 9999). The binary
 * decoder refuses others (`invalid_value`).
 * @param {bigint} raw
 */
export function hlcInRange(raw) {
  return raw >= 0n && raw >> COUNTER_BITS <= MAX_MS_BIG;
}

/**
 * The JSON string of a packed stamp.
 * @param {bigint} raw
 * @returns {string}
 */
export function formatHlc(raw) {
  if (!hlcInRange(raw)) throw invalidValue('bad stamp: after the year 9999');
  const ms = hlcUnixMs(raw);
  // toISOString writes four-digit years for 1970 to 9999, the only ones a stamp can have.
  let text = new Date(ms).toISOString();
  const millis = ms % 1000;
  if (millis === 0) text = `${text.slice(0, 19)}Z`;
  else text = `${text.slice(0, 20)}${String(millis).padStart(3, '0').replace(/0+$/, '')}Z`;
  return `${text}+${hlcCounter(raw)}`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[\x00-\x7f](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** A time that does not parse: the reference implementation's message starts "bad time",
 * which the server classifies as `invalid_value`. */
function badTime(text, why) {
  return invalidValue(`bad time ${JSON.stringify(text)}: ${why}`);
}

/**
 * Milliseconds since the epoch of an RFC 3339 time, as the reference implementation reads
 * it (its `time` crate): nanosecond precision, then truncated toward zero.
 * @param {string} text
 * @returns {bigint}
 */
function rfc3339Millis(text) {
  const m = RFC3339.exec(text);
  if (!m) throw badTime(text, 'not an RFC 3339 time');
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  let second = Number(m[6]);
  let nanos = m[7] ? Number(m[7].slice(0, 9).padEnd(9, '0')) : 0;
  if (month < 1 || month > 12) throw badTime(text, 'the month is out of range');
  if (day < 1 || day > daysInMonth(year, month)) throw badTime(text, 'the day is out of range');
  if (hour > 23 || minute > 59 || second > 60) throw badTime(text, 'the time of day is out of range');
  let offset = 0;
  if (!m[8]) {
    const offsetHour = Number(m[10]);
    const offsetMinute = Number(m[11]);
    if (offsetHour > 23 || offsetMinute > 59) throw badTime(text, 'the offset is out of range');
    offset = (m[9] === '-' ? -1 : 1) * (offsetHour * 3600 + offsetMinute * 60);
  }
  // A leap second reads as the nanosecond before it, and only where one can be: at
  // 23:59:60 UTC on the last day of a month.
  const leap = second === 60;
  if (leap) {
    second = 59;
    nanos = 999_999_999;
  }
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  if (leap) {
    const utcDays = Math.floor(seconds / 86400);
    const [y, mo, d] = civilFromDays(utcDays);
    if (seconds - utcDays * 86400 !== 86399 || d !== daysInMonth(y, mo)) {
      throw badTime(text, 'a leap second where none can be');
    }
  }
  // BigInt division truncates toward zero, as the reference implementation's does.
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)) / 1_000_000n;
}

/**
 * The packed integer of a stamp's JSON string, read as the reference implementation reads
 * it. A time or counter that does not parse is `invalid_value`; a string without a counter,
 * or a time before 1970 or after 9999, is `malformed` (the server's classification).
 * @param {string} text
 * @returns {bigint}
 */
export function parseHlc(text) {
  if (typeof text !== 'string') throw malformed('expected a stamp string (TIME+COUNTER)');
  const cached = rawCache.get(text);
  if (cached !== undefined) return cached;
  const plus = text.lastIndexOf('+');
  if (plus < 0) throw malformed(`expected TIME+COUNTER, got ${JSON.stringify(text)}`);
  const time = text.slice(0, plus);
  const counterText = text.slice(plus + 1);
  const ms = rfc3339Millis(time);
  if (ms < 0n) throw malformed(`time before 1970: ${JSON.stringify(text)}`);
  if (ms > MAX_MS_BIG) throw malformed(`time too far in the future: ${JSON.stringify(text)}`);
  if (!/^\d+$/.test(counterText) || Number(counterText) > 0xffff) {
    throw invalidValue(`bad counter: ${JSON.stringify(counterText)} is not 0 to 65535`);
  }
  const raw = (ms << COUNTER_BITS) | BigInt(Number(counterText));
  remember(text, raw);
  return raw;
}

// Stamps are read again and again (every comparison of the merge): keep the last few
// thousand strings read, forgetting them all at once when full.
const rawCache = new Map();
/** @param {string} text @param {bigint} raw */
function remember(text, raw) {
  if (rawCache.size >= 8192) rawCache.clear();
  rawCache.set(text, raw);
}

/**
 * The canonical JSON string of a stamp string in any accepted form.
 * @param {string} text
 */
export function canonicalHlc(text) {
  return formatHlc(parseHlc(text));
}

/**
 * Orders two stamps (strings) as their integers.
 * @param {string} a
 * @param {string} b
 * @returns {number} negative, zero or positive
 */
export function compareHlc(a, b) {
  if (a === b) return 0;
  const x = parseHlc(a);
  const y = parseHlc(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The stamp an op takes effect at: the device's stamp, but never later than the server's
 * receipt of its batch (`PushAck.received`). A device sets it on its own writes when their
 * batch is acknowledged, exactly as the server did.
 * @param {string} stamp
 * @param {string} received
 * @returns {string}
 */
export function effectiveStamp(stamp, received) {
  return compareHlc(stamp, received) <= 0 ? stamp : received;
}

/**
 * The clock of one node. Pure: the wall clock is passed in. Persist `last` (a string)
 * after every tick, in the same write as what the stamp stamps, so that a restarted app
 * never issues a stamp twice.
 */
export class Clock {
  /** @param {string} [last] the last stamp issued or observed */
  constructor(last = HLC_ZERO) {
    /** @type {bigint} */
    this.lastRaw = parseHlc(last);
  }

  /** The last stamp issued or observed. */
  get last() {
    return formatHlc(this.lastRaw);
  }

  /**
   * A new stamp, strictly after every stamp this clock has issued or observed: the wall
   * time if that is later, else the last stamp + 1 (a counter at 65535 carries into the
   * next millisecond).
   * @param {number} wallMs Unix milliseconds, `Date.now()`
   * @returns {string}
   */
  tick(wallMs) {
    const wall = hlcPack(wallMs, 0);
    this.lastRaw = wall > this.lastRaw ? wall : this.lastRaw + 1n;
    return formatHlc(this.lastRaw);
  }

  /**
   * Takes a remote stamp into account (the server's time, from `placer-server-time` or a
   * message's `server_time`), then ticks: a slow device clock moves forward.
   * @param {string} remote
   * @param {number} wallMs
   * @returns {string}
   */
  observe(remote, wallMs) {
    const r = parseHlc(remote);
    if (r > this.lastRaw) this.lastRaw = r;
    return this.tick(wallMs);
  }
}
