/**
 * @file Schemas of ops, batches and the sync API's messages (`op.rs`, `batch.rs`, `api.rs`,
 * `personal.rs`), the flags on a device's records among them (`POST /v1/sync/notes`).
 *
 * What a device sends (ops, batches, signed requests, openings) refuses unknown JSON
 * fields (`strict`), as the server does; what the server sends (acknowledgements, pages)
 * ignores them, so that a newer server does not stop an older handset.
 */

import { bool, enumOf, hlc, option, string, struct, u32, u64, uuid, vec } from '../schema.js';
import {
  AnyRecord,
  Collection,
  ExportField,
  LicenceField,
  MinerField,
  ProductionField,
  SaleField,
  WriteId,
} from './records.js';
import { Bytes, Digest, PublicKey, Salt, Signature } from './values.js';

/**
 * One field set by an op, with the write its author saw in that field, if any.
 * @param {import('../schema.js').Schema} value the field enum
 */
export function SetOf(value) {
  return struct(`Set<${value.name}>`, { value, base: option(WriteId) }, { strict: true });
}

/** What an op sets, per collection (regions have none: only the server writes them). */
export const OpBody = enumOf('OpBody', {
  miner: vec(SetOf(MinerField)),
  licence: vec(SetOf(LicenceField)),
  production: vec(SetOf(ProductionField)),
  sale: vec(SetOf(SaleField)),
  export: vec(SetOf(ExportField)),
});

/** One change to one record, stamped by the device's clock. */
export const Op = struct('Op', { record: uuid, stamp: hlc, region: uuid, body: OpBody }, { strict: true });

/** The ops a device sealed at one sync, chained to its previous batch. */
export const Batch = struct(
  'Batch',
  { device: uuid, seq: u64, prev: Digest, sealed_at: hlc, ops: vec(Op) },
  { strict: true },
);

/** Sealed bytes (a whole binary message, version byte included) and the signature over them. */
export const Signed = struct('Signed', { sealed: Bytes, signature: Signature }, { strict: true });

export const EnrolRequest = struct(
  'EnrolRequest',
  { code: string, public_key: PublicKey, label: string },
  { strict: true },
);

export const Enrolment = struct('Enrolment', {
  device: uuid,
  agent: string,
  regions: vec(uuid),
  server_time: hlc,
});

export const PushAck = struct('PushAck', {
  device: uuid,
  seq: u64,
  digest: Digest,
  received: hlc,
  ops: u32,
});

export const PullRequest = struct(
  'PullRequest',
  { device: uuid, nonce: u64, cursor: u64, regions: vec(uuid), limit: u32 },
  { strict: true },
);

export const AckRequest = struct('AckRequest', { device: uuid, nonce: u64, seq: u64 }, { strict: true });

/** A sealed personal value's content, sent apart from the batch that signed its digest. */
export const Opening = struct(
  'Opening',
  { record: uuid, write: WriteId, salt: Salt, value: MinerField },
  { strict: true },
);

/** The most openings one `OpenRequest` may hold. */
export const MAX_OPENINGS = 5000;

export const OpenRequest = struct(
  'OpenRequest',
  { device: uuid, nonce: u64, openings: vec(Opening) },
  { strict: true },
);

export const OpenAck = struct(
  'OpenAck',
  { opened: u32, erased: u32, waiting: vec(u32) },
  { strict: true },
);

/** One record as it is now, at the change sequence number of its latest change. */
export const Change = struct('Change', {
  seq: u64,
  collection: Collection,
  record: uuid,
  region: uuid,
  state: AnyRecord,
});

/** A page of changes in increasing `seq`. Pull again from `cursor` while `more` is true. */
export const PullPage = struct('PullPage', {
  changes: vec(Change),
  cursor: u64,
  more: bool,
  server_time: hlc,
});

/**
 * A place in the order of notes pages, `(updated_at, flag id)`; `flag` is empty for none.
 * `NOTES_START` is a handset's first.
 */
export const NotesCursor = struct('NotesCursor', { updated_at: hlc, flag: string }, { strict: true });

/** Before every flag: the cursor of a handset's first notes request. */
export const NOTES_START = Object.freeze({ updated_at: '1970-01-01T00:00:00Z+0', flag: '' });

/** The flags raised on records this device wrote, changed after `after`. Signed like a pull. */
export const NotesRequest = struct(
  'NotesRequest',
  { device: uuid, nonce: u64, after: NotesCursor, limit: u32 },
  { strict: true },
);

export const FlagSeverity = enumOf('FlagSeverity', { low: null, medium: null, high: null });
export const FlagState = enumOf('FlagState', { open: null, resolved: null, closed: null });
export const FlagEventKind = enumOf('FlagEventKind', {
  raised: null,
  updated: null,
  closed: null,
  reopened: null,
  resolved: null,
});

/** A record a flag names; `collection` is null when the server holds no such record. */
export const FlaggedRecord = struct('FlaggedRecord', { collection: option(Collection), record: uuid });

/** One event of a flag's history: `by` is the officer's user name, `note` their note. */
export const FlagNote = struct('FlagNote', {
  at: hlc,
  event: FlagEventKind,
  by: option(string),
  note: option(string),
});

/** A red flag on this device's records, as the handset reads it (no evidence). */
export const DeviceFlag = struct('DeviceFlag', {
  id: string,
  kind: string,
  severity: FlagSeverity,
  state: FlagState,
  records: vec(FlaggedRecord),
  raised_at: hlc,
  updated_at: hlc,
  summary: string,
  events: vec(FlagNote),
});

/** A page of flags in `(updated_at, id)` order. Ask again from `cursor` while `more` is true. */
export const NotesPage = struct('NotesPage', {
  flags: vec(DeviceFlag),
  cursor: NotesCursor,
  more: bool,
  server_time: hlc,
});

/**
 * The body of every error response (JSON only); `expected_seq` only for `sequence_gap`,
 * `expected_offset` only for `photo_gap`.
 */
export const ErrorBody = struct(
  'ErrorBody',
  { code: string, message: string, expected_seq: option(u64), expected_offset: option(u64) },
  { skipNull: ['expected_seq', 'expected_offset'] },
);

// --- Photos and documents (POST /v1/sync/photo) ------------------------------------------

/** What a photo shows; each kind belongs to records of given collections. */
export const PHOTO_KINDS = /** @type {const} */ (['miner_photo', 'identity_document', 'licence_document', 'parcel_photo']);

export const PhotoKind = enumOf('PhotoKind', Object.fromEntries(PHOTO_KINDS.map((k) => [k, null])));

/** The largest photo and the largest chunk, in bytes. */
export const MAX_PHOTO = 2 * 1024 * 1024;
export const MAX_PHOTO_CHUNK = 64 * 1024;

/** One chunk of a photo's upload (signed like a pull); an empty chunk at 0 asks where it stands. */
export const PhotoChunk = struct(
  'PhotoChunk',
  {
    device: uuid,
    nonce: u64,
    record: uuid,
    collection: Collection,
    kind: PhotoKind,
    digest: Digest,
    total: u64,
    offset: u64,
    bytes: Bytes,
  },
  { strict: true },
);

/** Where a photo's upload stands: bytes held from 0, and whether it is whole and kept. */
export const PhotoAck = struct('PhotoAck', { digest: Digest, received: u64, complete: bool });

// --- end of photos -------------------------------------------------------------------------
