/**
 * @file Schemas of the validated domain values (`sync-protocol/src/values.rs`): coordinates,
 * carats in hundredths, US cents, names, and the small enums.
 *
 * Each range is checked when a value is decoded, in both encodings, and when it is
 * encoded, as the reference implementation's constructors check it: the app cannot sign a
 * latitude of 91 that the server would refuse as `invalid_value`, blocking the device's
 * chain.
 */

import { bytes, checked, day, enumOf, f64, option, string, struct, u16, u32, u64, uuid, vec } from '../schema.js';

/** Upper bound on any carat amount (hundredths): ten billion carats. */
export const MAX_CARAT_HUNDREDTHS = 1_000_000_000_000;
/** Upper bound on any US$ amount (cents): one hundred billion dollars. */
export const MAX_USD_CENTS = 10_000_000_000_000;

/**
 * A number range check, as the reference implementation words it.
 * @param {number} min
 * @param {number} max
 * @param {string} [unit]
 */
function within(min, max, unit = '') {
  return (v) => (v >= min && v <= max ? undefined : `${v}${unit} is not within ${min}..=${max}`);
}

export const Latitude = checked('Latitude', 'latitude', f64, (v) =>
  Number.isFinite(v) && v >= -90 && v <= 90 ? undefined : `${v} is not within -90..=90`,
);

export const Longitude = checked('Longitude', 'longitude', f64, (v) =>
  Number.isFinite(v) && v >= -180 && v <= 180 ? undefined : `${v} is not within -180..=180`,
);

/** WGS 84, longitude first (as GeoJSON), in both encodings. */
export const Point = struct('Point', { lon: Longitude, lat: Latitude }, { strict: true });

export const AccuracyMetres = checked('AccuracyMetres', 'accuracy', u32, within(1, 100_000, ' m'));

export const GeoFix = struct('GeoFix', { point: Point, accuracy: AccuracyMetres }, { strict: true });

/** A closed ring: 4 to 100 000 points, the last equal to the first. */
export const Ring = checked('Ring', 'ring', vec(Point), (points) => {
  if (points.length < 4) return `${points.length} points; a closed ring needs at least 4`;
  if (points.length > 100_000) return 'more than 100000 points';
  const first = points[0];
  const last = points[points.length - 1];
  // f64 equality, as Rust compares the points (so 0 equals -0).
  if (first.lon !== last.lon || first.lat !== last.lat) return 'the last point must equal the first';
  return undefined;
});

export const Polygon = struct('Polygon', { exterior: Ring, holes: vec(Ring) }, { strict: true });

export const Carats = checked('Carats', 'carats', u64, (v) =>
  v <= MAX_CARAT_HUNDREDTHS ? undefined : `${v} hundredths is above the limit`,
);

export const UsdCents = checked('UsdCents', 'usd', u64, (v) =>
  v <= MAX_USD_CENTS ? undefined : `${v} cents is above the limit`,
);

const SURROUNDING_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
const CONTROL = /\p{Cc}/u;

/**
 * A trimmed text of 1 to `max` characters (Unicode scalar values) without control
 * characters. Decoding refuses surrounding spaces rather than trimming them, so that a
 * decoded value is never silently changed; the checks come in the reference
 * implementation's order, so the message is the same.
 * @param {string} name
 * @param {string} what
 * @param {number} max
 */
function text(name, what, max) {
  return checked(name, what, string, (s) => {
    // Rust's `str::trim`: Unicode White_Space at either end.
    const t = s.replace(SURROUNDING_SPACE, '');
    if (t === '') return 'must not be empty';
    let count = 0;
    for (const _ of t) count++;
    if (count > max) return `longer than ${max} characters`;
    if (CONTROL.test(t)) return 'contains control characters';
    if (t !== s) return 'has leading or trailing spaces';
    return undefined;
  });
}

export const PersonName = text('PersonName', 'name', 200);
export const Text = text('Text', 'text', 200);
export const LicenceNumber = text('LicenceNumber', 'licence number', 64);
export const NationalId = text('NationalId', 'national id', 64);
export const KpCertificate = text('KpCertificate', 'KP certificate', 64);
export const Reason = text('Reason', 'reason', 500);

/** 6 to 20 digits; only digits, spaces, dashes, and a plus as the first character. */
export const Phone = checked('Phone', 'phone', string, (s) => {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') digits++;
    else if (!(c === ' ' || c === '-' || (c === '+' && i === 0))) digits = -Infinity;
  }
  return digits >= 6 && digits <= 20
    ? undefined
    : `${JSON.stringify(s)} is not a phone number (6 to 20 digits, spaces, dashes, leading +)`;
});

export const BirthYear = checked('BirthYear', 'birth year', u16, within(1900, 2100));
export const Diggers = checked('Diggers', 'diggers', u32, within(1, 10_000));
export const GravelLitres = checked('GravelLitres', 'gravel', u32, within(0, 100_000_000));
export const StoneCount = checked('StoneCount', 'stone count', u32, within(0, 10_000_000));

/** A calendar date, `"YYYY-MM-DD"`. */
export const Day = day;

/** ISO 3166-1 alpha-3: three capital letters. */
export const CountryCode = checked('CountryCode', 'country', string, (s) =>
  /^[A-Z]{3}$/.test(s) ? undefined : `${JSON.stringify(s)} is not an ISO 3166-1 alpha-3 code`,
);

export const Sex = enumOf('Sex', { female: null, male: null, unspecified: null });
export const Mineral = enumOf('Mineral', { diamond: null, gold: null });
export const LicenceKind = enumOf('LicenceKind', {
  artisanal_permit: null,
  claim: null,
  cooperative: null,
  buyer: null,
  exporter: null,
});
export const LicenceStatus = enumOf('LicenceStatus', { active: null, suspended: null, revoked: null });
/** Harmonized System codes of rough diamonds; JSON uses the code. */
export const HsCode = enumOf('HsCode', { '7102.10': null, '7102.21': null, '7102.31': null });
/** Size classes in carats, lower bound inclusive. */
export const SizeClass = enumOf('SizeClass', {
  below0_10: null,
  from0_10_to0_25: null,
  from0_25_to0_50: null,
  from0_50_to1: null,
  from1_to2: null,
  from2_to4: null,
  from4_to10: null,
  from10: null,
});

export const Stones = enumOf('Stones', {
  weighed: vec(Carats),
  counted: struct('Stones::Counted', { count: StoneCount, total: Carats }, { strict: true }),
});

export const SizeClassCount = struct('SizeClassCount', { class: SizeClass, count: StoneCount }, { strict: true });

export const Parcel = enumOf('Parcel', { stones: vec(Carats), size_classes: vec(SizeClassCount) });

export const Holder = enumOf('Holder', { miner: uuid, organisation: Text });
export const Seller = enumOf('Seller', { miner: uuid, licence: uuid });

/** A SHA-256 digest: 32 bytes, lowercase hex in JSON. */
export const Digest = bytes('Digest', 32);
/** An Ed25519 public key. */
export const PublicKey = bytes('PublicKey', 32);
/** An Ed25519 signature. */
export const Signature = bytes('Signature', 64);
/** The random salt of a sealed personal value. */
export const Salt = bytes('Salt', 16);
/** Bytes of any length (a sealed message). */
export const Bytes = bytes('Bytes');

export { option, uuid };
