/**
 * @file Calendar dates (`Day`) and the civil-calendar arithmetic the clock shares.
 *
 * A `Day` is `"YYYY-MM-DD"` in JSON and in this core's values, and in binary the tuple the
 * reference implementation's date type writes: the year as a zigzag `i32`, then the day of
 * the year (1 to 366) as a `u16`. 2025-11-28 is `fb d2 0f fb 4c 01`. The arithmetic is done
 * here by hand, on the proleptic Gregorian calendar, because JavaScript's `Date` treats
 * the years 0 to 99 as 1900 to 1999 and has no day-of-year.
 */

import { invalidValue } from './errors.js';

/** The years the reference implementation's date type holds (without its large-dates feature). */
export const MIN_YEAR = -9999;
export const MAX_YEAR = 9999;

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** @param {number} year */
export function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** @param {number} year */
export function daysInYear(year) {
  return isLeapYear(year) ? 366 : 365;
}

/**
 * @param {number} year
 * @param {number} month 1 to 12
 */
export function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * The day of the year (1 to 366) of a valid calendar date.
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
export function ordinalOf(year, month, day) {
  return CUMULATIVE_DAYS[month - 1] + day + (month > 2 && isLeapYear(year) ? 1 : 0);
}

/**
 * The month and day of a valid day of the year.
 * @param {number} year
 * @param {number} ordinal
 * @returns {[number, number]} month (1 to 12), day
 */
export function monthDayOf(year, ordinal) {
  const leap = isLeapYear(year) ? 1 : 0;
  for (let month = 12; month >= 1; month--) {
    const before = CUMULATIVE_DAYS[month - 1] + (month > 2 ? leap : 0);
    if (ordinal > before) return [month, ordinal - before];
  }
  throw invalidValue(`bad date: day ${ordinal} of ${year}`);
}

/**
 * Days from 1970-01-01 to a valid calendar date (negative before), by the well-known
 * era-based conversion: exact for every year the protocol can name.
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
export function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * A `Day` as the binary form holds it, checked as the reference implementation checks it
 * when decoding (`invalid_value`: day 400, day 366 of 2025, the year 10000).
 * @param {number} year
 * @param {number} ordinal
 * @returns {string} `"YYYY-MM-DD"`
 */
export function dayFromOrdinal(year, ordinal) {
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalidValue(`bad date: the year ${year} is out of range`);
  if (ordinal < 1 || ordinal > daysInYear(year)) {
    throw invalidValue(`bad date: ${year} has no day ${ordinal}, expected an in-range value`);
  }
  const [month, day] = monthDayOf(year, ordinal);
  return formatDay(year, month, day);
}

/**
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
function formatDay(year, month, day) {
  const y = String(Math.abs(year)).padStart(4, '0');
  return `${year < 0 ? '-' : ''}${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads `"YYYY-MM-DD"` as the year and day of the year. Any failure is `invalid_value`, as
 * the server classifies a date that does not parse.
 * @param {string} s
 * @returns {{year: number, ordinal: number}}
 */
export function parseDay(s) {
  const m = /^([+-]?)(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw invalidValue(`bad date: ${JSON.stringify(s)} is not YYYY-MM-DD`);
  const year = (m[1] === '-' ? -1 : 1) * Number(m[2]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12) throw invalidValue(`bad date: ${JSON.stringify(s)} has no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw invalidValue(`bad date: ${JSON.stringify(s)} does not exist`);
  }
  return { year, ordinal: ordinalOf(year, month, day) };
}

/**
 * The canonical form of a `Day` string (`"+2025-11-28"` reads as `"2025-11-28"`).
 * @param {string} s
 */
export function canonicalDay(s) {
  const { year, ordinal } = parseDay(s);
  return dayFromOrdinal(year, ordinal);
}

/**
 * The calendar date of a count of days from 1970-01-01 (the inverse of `daysFromCivil`).
 * @param {number} days
 * @returns {[number, number, number]} year, month, day
 */
export function civilFromDays(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
