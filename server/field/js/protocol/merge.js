/**
 * @file The field-level merge, exactly as `sync-protocol/src/merge.rs`: a record's state
 * is, per field, the set of writes ever made to it and the set of ids later writes named
 * as their base. Merging is set union, so any delivery order of any set of writes,
 * duplicates included, gives the same state on the handset as on the server; the winner,
 * the conflicts and the compacted form derive from that set.
 *
 * - Write ids order by (stamp as its integer, device as unsigned bytes).
 * - A write's order is (effective stamp, or its own stamp while the server has not fixed
 *   one; then its id). The winner of a field is its write of highest order.
 * - A conflict is a write that is not the winner and that no write names as its base.
 * - Two copies of one write id join: the smaller effective stamp (or the one set); the
 *   content of higher rank (sealed 0 < open 1 < erased 2); between two contents of one
 *   rank, the one whose binary encoding of (base, region, value) is larger, byte-wise.
 * - Compaction keeps the winner, every write without an effective stamp and every write
 *   no one overwrote; `overwritten` stays whole.
 *
 * States are the JSON shape (`{fields: {phone: {writes, overwritten}}}`) and are changed
 * in place, as the reference implementation changes its own; writes inserted are copied.
 * Functions on a bare `RecordState` take its collection (`"miner"`…), which fixes how a
 * value is encoded for the tie-break; functions on an `AnyRecord` read it from the tag.
 */

import { compareBytes } from './bytes.js';
import { compareHlc } from './clock.js';
import { encodePlain } from './codec.js';
import { valuesEqual } from './equal.js';
import { compareStrings, option, tuple, uuid } from './schema.js';
import { COLLECTIONS, FIELD_OF, WriteId, fieldKey } from './types/records.js';

/**
 * @typedef {{stamp: string, device: string}} WriteIdValue
 * @typedef {{id: WriteIdValue, effective: string|null, base: WriteIdValue|null, region: string, value: any}} WriteValue
 * @typedef {{writes: WriteValue[], overwritten: WriteIdValue[]}} FieldHistoryValue
 * @typedef {{fields: Record<string, FieldHistoryValue>}} RecordStateValue
 */

/**
 * Orders write ids: by stamp (as integers), then by device bytes, unsigned. Canonical UUID
 * strings order as their bytes (see `uuid.js`).
 * @param {WriteIdValue} a
 * @param {WriteIdValue} b
 */
export function compareWriteIds(a, b) {
  const c = compareHlc(a.stamp, b.stamp);
  if (c !== 0) return c;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

/**
 * Orders writes as they win: effective stamp (or their own while unfixed), then id.
 * @param {WriteValue} a
 * @param {WriteValue} b
 */
export function compareOrder(a, b) {
  const c = compareHlc(a.effective ?? a.id.stamp, b.effective ?? b.id.stamp);
  return c !== 0 ? c : compareWriteIds(a.id, b.id);
}

/**
 * How much of a value a copy shows, for two copies of one write: 0 sealed (a personal
 * value as signed, its digest only), 1 open, 2 erased. The higher wins the join, so an
 * opening reaches every replica and an erasure cannot be undone by a replica that still
 * holds the value.
 * @param {unknown} value a field enum value
 */
export function rank(value) {
  if (value !== null && typeof value === 'object') {
    if (Object.hasOwn(value, 'sealed')) return 0;
    if (Object.hasOwn(value, 'erased')) return 2;
  }
  return 1;
}

/** @returns {FieldHistoryValue} */
export function emptyHistory() {
  return { writes: [], overwritten: [] };
}

/** @returns {RecordStateValue} */
export function emptyState() {
  return { fields: {} };
}

/**
 * Where `id` is in a list sorted by id: its index if found, else `-(insertion point) - 1`.
 * @param {{length: number}} list
 * @param {(i: number) => WriteIdValue} idAt
 * @param {WriteIdValue} id
 */
function search(list, idAt, id) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareWriteIds(idAt(mid), id);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -lo - 1;
}

/** @param {WriteIdValue} id */
function copyId(id) {
  return { stamp: id.stamp, device: id.device };
}

/**
 * A copy of a write, with an absent `effective` or `base` as null: the state holds only
 * what it was given, and compares copies field by field.
 * @param {WriteValue} w
 */
function copyWrite(w) {
  return {
    id: copyId(w.id),
    effective: w.effective ?? null,
    base: w.base ? copyId(w.base) : null,
    region: w.region,
    value: w.value,
  };
}

/** @param {FieldHistoryValue} h @param {WriteIdValue} id */
function addOverwritten(h, id) {
  const at = search(h.overwritten, (i) => h.overwritten[i], id);
  if (at < 0) h.overwritten.splice(-at - 1, 0, copyId(id));
}

/** @param {FieldHistoryValue} h @param {WriteIdValue} id */
function isOverwritten(h, id) {
  return search(h.overwritten, (i) => h.overwritten[i], id) >= 0;
}

// The content of a write, (base, region, value), as one tuple per collection: the
// encoding that breaks a tie between two contents under one id.
const CONTENT_OF = Object.fromEntries(COLLECTIONS.map((c) => [c, tuple(option(WriteId), uuid, FIELD_OF[c])]));

/**
 * Two copies of one write (same id). They differ when one was made before the server
 * fixed the effective stamp, when one holds a personal value sealed and the other open or
 * erased, or when a misbehaving device signed two ops with one stamp; the result does not
 * depend on which copy came first.
 * @param {WriteValue} a the copy held
 * @param {WriteValue} b the copy arriving
 * @param {string} collection
 * @returns {WriteValue}
 */
export function joinSameWrite(a, b, collection) {
  let effective;
  if (a.effective != null && b.effective != null) effective = compareHlc(a.effective, b.effective) <= 0 ? a.effective : b.effective;
  else effective = a.effective ?? b.effective ?? null;
  let keep;
  if (valuesEqual(a.base ?? null, b.base ?? null) && a.region === b.region && valuesEqual(a.value, b.value)) {
    keep = b;
  } else if (rank(a.value) !== rank(b.value)) {
    keep = rank(a.value) > rank(b.value) ? a : b;
  } else {
    const schema = CONTENT_OF[collection];
    if (schema === undefined) throw new Error(`unknown collection ${collection}`);
    const ea = encodePlain(schema, [a.base ?? null, a.region, a.value]);
    const eb = encodePlain(schema, [b.base ?? null, b.region, b.value]);
    keep = compareBytes(ea, eb) >= 0 ? a : b;
  }
  return { ...copyWrite(keep), effective };
}

/**
 * Adds one write to a field's history. Adding a write already present changes nothing.
 * @param {FieldHistoryValue} h
 * @param {WriteValue} w
 * @param {string} collection
 */
export function insertIntoHistory(h, w, collection) {
  if (w.base !== null && w.base !== undefined) addOverwritten(h, w.base);
  const at = search(h.writes, (i) => h.writes[i].id, w.id);
  if (at >= 0) h.writes[at] = joinSameWrite(h.writes[at], w, collection);
  else h.writes.splice(-at - 1, 0, copyWrite(w));
  return h;
}

/**
 * Set union with another history of the same field.
 * @param {FieldHistoryValue} h
 * @param {FieldHistoryValue} other
 * @param {string} collection
 */
export function mergeHistories(h, other, collection) {
  for (const id of other.overwritten) addOverwritten(h, id);
  for (const w of other.writes) {
    const at = search(h.writes, (i) => h.writes[i].id, w.id);
    if (at >= 0) h.writes[at] = joinSameWrite(h.writes[at], w, collection);
    else h.writes.splice(-at - 1, 0, copyWrite(w));
  }
  return h;
}

/**
 * The write of highest order, or null for an empty history.
 * @param {FieldHistoryValue} h
 * @returns {WriteValue|null}
 */
export function winner(h) {
  let best = null;
  for (const w of h.writes) if (best === null || compareOrder(w, best) >= 0) best = w;
  return best;
}

/**
 * Writes that lost without their value having been seen by anyone: not the winner, and
 * named as no write's base.
 * @param {FieldHistoryValue} h
 * @returns {WriteValue[]}
 */
export function historyConflicts(h) {
  const win = winner(h);
  return h.writes.filter((w) => w !== win && !isOverwritten(h, w.id));
}

/**
 * The winner, the writes not fixed by the server yet and the writes no one overwrote,
 * with every overwritten id: what a pull sends. Winners and conflicts are unchanged.
 * @param {FieldHistoryValue} h
 * @returns {FieldHistoryValue}
 */
export function compactHistory(h) {
  const win = winner(h);
  return {
    writes: h.writes.filter((w) => w === win || w.effective == null || !isOverwritten(h, w.id)).map(copyWrite),
    overwritten: h.overwritten.map(copyId),
  };
}

/**
 * A state's field names in the reference implementation's order (its `BTreeMap`'s).
 * @param {Record<string, unknown>} fields
 */
export function sortedKeys(fields) {
  return Object.keys(fields).sort(compareStrings);
}

/**
 * Adds one write to a record's state, under the field its value belongs to.
 * @param {RecordStateValue} state
 * @param {WriteValue} w
 * @param {string} collection
 */
export function insertWrite(state, w, collection) {
  const key = fieldKey(w.value);
  const h = Object.hasOwn(state.fields, key) ? state.fields[key] : (state.fields[key] = emptyHistory());
  insertIntoHistory(h, w, collection);
  return state;
}

/**
 * Joins another state of the same record into `state`.
 * @param {RecordStateValue} state
 * @param {RecordStateValue} other
 * @param {string} collection
 */
export function mergeStates(state, other, collection) {
  for (const [key, h] of Object.entries(other.fields)) {
    const mine = Object.hasOwn(state.fields, key) ? state.fields[key] : (state.fields[key] = emptyHistory());
    mergeHistories(mine, h, collection);
  }
  return state;
}

/**
 * The compacted copy of a state.
 * @param {RecordStateValue} state
 * @returns {RecordStateValue}
 */
export function compactState(state) {
  const fields = {};
  for (const key of sortedKeys(state.fields)) fields[key] = compactHistory(state.fields[key]);
  return { fields };
}

/**
 * Each field's winning write, by field name.
 * @param {RecordStateValue} state
 * @returns {Record<string, WriteValue>}
 */
export function winners(state) {
  const out = {};
  for (const key of sortedKeys(state.fields)) {
    const w = winner(state.fields[key]);
    if (w !== null) out[key] = w;
  }
  return out;
}

/**
 * The write that took effect last, over all fields; its region is where the record's
 * writes file it (the server's placement, `Change.region`, may differ).
 * @param {RecordStateValue} state
 * @returns {WriteValue|null}
 */
export function latestWrite(state) {
  let best = null;
  for (const w of Object.values(winners(state))) if (best === null || compareOrder(w, best) >= 0) best = w;
  return best;
}

/**
 * One entry per field with lost values: the field, its winner and the conflicting losers.
 * @param {RecordStateValue} state
 * @returns {{field: string, winner: WriteValue, losers: WriteValue[]}[]}
 */
export function conflicts(state) {
  const out = [];
  for (const key of sortedKeys(state.fields)) {
    const h = state.fields[key];
    const losers = historyConflicts(h);
    const win = winner(h);
    if (win !== null && losers.length > 0) out.push({ field: key, winner: win, losers });
  }
  return out;
}

/**
 * The collection and state of an `AnyRecord` value.
 * @param {Record<string, RecordStateValue>} record `{"miner": {fields}}`
 * @returns {[string, RecordStateValue]}
 */
export function recordParts(record) {
  const [collection] = Object.keys(record);
  return [collection, record[collection]];
}

/**
 * Joins another `AnyRecord` of the same record into `record`. States of two collections
 * never share a key, so a mismatch is ignored rather than merged, as on the server.
 * @param {Record<string, RecordStateValue>} record
 * @param {Record<string, RecordStateValue>} other
 */
export function mergeRecords(record, other) {
  const [c, state] = recordParts(record);
  const [d, theirs] = recordParts(other);
  if (c === d) mergeStates(state, theirs, c);
  return record;
}

/**
 * The compacted copy of an `AnyRecord`.
 * @param {Record<string, RecordStateValue>} record
 */
export function compactRecord(record) {
  const [c, state] = recordParts(record);
  return { [c]: compactState(state) };
}
