/**
 * @file Schemas of the records, their field enums and their merged states
 * (`sync-protocol/src/records.rs`, `merge.rs`, the types of `personal.rs`).
 *
 * Registry records (miner, licence) are written field by field, each field a variant of
 * the record's field enum; facts (production, sale, export) are written whole, as the
 * `body` of a `FactField`; regions are written by the server only. A record's merged state
 * is, per field name, the writes made to it (`RecordState`), and `AnyRecord` tags it with
 * its collection.
 */

import { enumOf, hlc, map, option, string, struct, uuid, vec } from '../schema.js';
import {
  BirthYear,
  CountryCode,
  Carats,
  Day,
  Digest,
  Diggers,
  GeoFix,
  GravelLitres,
  Holder,
  HsCode,
  KpCertificate,
  LicenceKind,
  LicenceNumber,
  LicenceStatus,
  Mineral,
  NationalId,
  Parcel,
  PersonName,
  Phone,
  Polygon,
  Reason,
  Seller,
  Sex,
  StoneCount,
  Stones,
  Text,
  UsdCents,
} from './values.js';

/** The collections, in declaration order (the binary index of `Collection` and `AnyRecord`). */
export const COLLECTIONS = /** @type {const} */ (['miner', 'licence', 'production', 'sale', 'export', 'region']);

export const Collection = enumOf('Collection', Object.fromEntries(COLLECTIONS.map((c) => [c, null])));

/** A miner's fields that describe the person: sealed on the handset, erasable. */
export const PERSONAL_FIELDS = /** @type {const} */ (['names', 'sex', 'birth_year', 'national_id', 'phone', 'cooperative']);

export const PersonalField = enumOf('PersonalField', Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, null])));

/** A personal value as a handset signs it: which field, and the digest of its opening. */
export const SealedValue = struct('SealedValue', { field: PersonalField, digest: Digest });

/** One writable field of a miner, with its value (variant 11 and 12 belong to the field they name). */
export const MinerField = enumOf('MinerField', {
  names: PersonName,
  sex: Sex,
  birth_year: BirthYear,
  home_region: uuid,
  registered_on: Day,
  registered_by: Text,
  national_id: option(NationalId),
  phone: option(Phone),
  cooperative: option(Text),
  registered_at: option(GeoFix),
  void: Reason,
  sealed: SealedValue,
  erased: PersonalField,
});

/** The fields a miner's registration must have before the record has a view. */
export const MINER_REQUIRED = ['names', 'sex', 'birth_year', 'home_region', 'registered_on', 'registered_by'];

export const LicenceField = enumOf('LicenceField', {
  number: LicenceNumber,
  kind: LicenceKind,
  holder: Holder,
  mineral: Mineral,
  issued: Day,
  expires: Day,
  status: LicenceStatus,
  area: option(Polygon),
  void: Reason,
});

export const LICENCE_REQUIRED = ['number', 'kind', 'holder', 'mineral', 'issued', 'expires', 'status'];

/** One site-day of production on a licence. */
export const Production = struct(
  'Production',
  {
    licence: uuid,
    miner: option(uuid),
    date: Day,
    fix: GeoFix,
    diggers: Diggers,
    gravel: GravelLitres,
    stones: Stones,
    mineral: Mineral,
  },
  { strict: true },
);

/** A sale from a miner or licence holder to a licensed buyer. */
export const Sale = struct(
  'Sale',
  {
    seller: Seller,
    buyer: uuid,
    date: Day,
    carats: Carats,
    stones: StoneCount,
    value: UsdCents,
    mineral: Mineral,
  },
  { strict: true },
);

/** An export under a Kimberley Process certificate. */
export const Export = struct(
  'Export',
  {
    exporter: uuid,
    certificate: KpCertificate,
    date: Day,
    carats: Carats,
    value: UsdCents,
    hs_code: HsCode,
    destination: CountryCode,
    parcel: Parcel,
  },
  { strict: true },
);

/**
 * The writable fields of a fact: its whole body, or its void reason.
 * @param {import('../schema.js').Schema} body
 */
export function FactField(body) {
  return enumOf(`FactField<${body.name}>`, { body, void: Reason });
}

export const ProductionField = FactField(Production);
export const SaleField = FactField(Sale);
export const ExportField = FactField(Export);

export const RegionLevel = enumOf('RegionLevel', { country: null, region: null, district: null });

/** An administrative area, as the reference implementation's view assembles it. */
export const Region = struct('Region', {
  id: uuid,
  name: Text,
  level: RegionLevel,
  parent: option(uuid),
  boundary: vec(Polygon),
});

export const RegionField = enumOf('RegionField', {
  name: Text,
  level: RegionLevel,
  parent: option(uuid),
  boundary: vec(Polygon),
  void: Reason,
});

/** Who wrote a value: the op's device stamp and the device. Ordered by stamp, then device bytes. */
export const WriteId = struct('WriteId', { stamp: hlc, device: uuid }, { strict: true });

/**
 * One write of one field.
 * @param {import('../schema.js').Schema} value the field enum
 */
export function WriteOf(value) {
  return struct(`Write<${value.name}>`, {
    id: WriteId,
    effective: option(hlc),
    base: option(WriteId),
    region: uuid,
    value,
  });
}

/** @param {import('../schema.js').Schema} value */
export function FieldHistoryOf(value) {
  return struct(`FieldHistory<${value.name}>`, { writes: vec(WriteOf(value)), overwritten: vec(WriteId) });
}

/** @param {import('../schema.js').Schema} value */
export function RecordStateOf(value) {
  return struct(`RecordState<${value.name}>`, { fields: map(FieldHistoryOf(value)) });
}

/** @param {import('../schema.js').Schema} value */
export function ConflictOf(value) {
  const write = WriteOf(value);
  return struct(`Conflict<${value.name}>`, { field: string, winner: write, losers: vec(write) });
}

/** Each collection's field enum, by collection name. */
export const FIELD_OF = {
  miner: MinerField,
  licence: LicenceField,
  production: ProductionField,
  sale: SaleField,
  export: ExportField,
  region: RegionField,
};

/** Each collection's write, field history, state and conflict schemas, by collection name. */
export const WRITE_OF = Object.fromEntries(COLLECTIONS.map((c) => [c, WriteOf(FIELD_OF[c])]));
export const RECORD_STATE_OF = Object.fromEntries(COLLECTIONS.map((c) => [c, RecordStateOf(FIELD_OF[c])]));
export const CONFLICT_OF = Object.fromEntries(COLLECTIONS.map((c) => [c, ConflictOf(FIELD_OF[c])]));

/** Any record's merged state, tagged with its collection: `{"miner": {"fields": {…}}}`. */
export const AnyRecord = enumOf('AnyRecord', RECORD_STATE_OF);

/**
 * The field a value belongs to: its variant's name, except a sealed or erased personal
 * value, which belongs to the field it names (`{"sealed": {"field": "names", …}}` is a
 * write of `names`). The same name keys the field in a `RecordState`.
 * @param {string|Record<string, any>} value a field enum value
 * @returns {string}
 */
export function fieldKey(value) {
  const name = typeof value === 'string' ? value : Object.keys(value)[0];
  if (name === 'sealed') return value.sealed.field;
  if (name === 'erased') return value.erased;
  return name;
}
