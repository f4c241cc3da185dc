/**
 * @file The dense form of a pull page, encoding version 2 (`sync-protocol/src/dense.rs`):
 * what a 2G link carries on a first sync.
 *
 * The plain page repeats on every write what the dense one says once: the page opens with
 * a table of the device ids and one of the region ids it names, in order of first use,
 * and writes give indexes into them; a field is known by its value's variant, so its
 * name is not sent; an effective stamp equal to the write's own stamp is `same`; a
 * change's seq is the step from the previous one, its collection its state's variant.
 *
 * Reading is strict: an index past its table, a seq step of 0 or past 2^64, a field
 * without writes or with writes of two fields, fields out of order or sent twice, writes
 * or overwritten ids out of order are `malformed`, so that one page has one dense form.
 * The dense form is binary only.
 */

import { invalidValue, malformed } from './errors.js';
import { compareWriteIds, sortedKeys } from './merge.js';
import { bool, compareStrings, enumOf, hlc, option, struct, u32, u64, u64big, uuid, vec } from './schema.js';
import { COLLECTIONS, FIELD_OF, fieldKey } from './types/records.js';

/** A write id with its device as an index into the page's device table. */
export const DenseId = struct('DenseId', { stamp: hlc, device: u32 });

/** A write's effective stamp: not fixed yet, equal to the write's stamp, or another. */
export const Effective = enumOf('Effective', { pending: null, same: null, at: hlc });

/** @param {import('./schema.js').Schema} value the field enum */
function DenseFieldOf(value) {
  const write = struct(`DenseWrite<${value.name}>`, {
    stamp: hlc,
    device: u32,
    effective: Effective,
    base: option(DenseId),
    region: u32,
    value,
  });
  return struct(`DenseField<${value.name}>`, { writes: vec(write), overwritten: vec(DenseId) });
}

/** A record's state, by collection, in the order of `AnyRecord`. */
export const DenseRecord = enumOf('DenseRecord', Object.fromEntries(COLLECTIONS.map((c) => [c, vec(DenseFieldOf(FIELD_OF[c]))])));

export const DenseChange = struct('DenseChange', { seq_step: u64big, record: uuid, region: u32, state: DenseRecord });

export const DensePage = struct('DensePage', {
  devices: vec(uuid),
  regions: vec(uuid),
  changes: vec(DenseChange),
  cursor: u64,
  more: bool,
  server_time: hlc,
});

/** A table of ids in order of first use. */
class Table {
  constructor() {
    /** @type {string[]} */
    this.ids = [];
    /** @type {Map<string, number>} */
    this.index = new Map();
  }

  /** @param {string} id */
  of(id) {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }
}

/**
 * The dense form of a (plain) pull page, with its tables filled in the reference
 * implementation's order of first use, so that the bytes are the server's.
 * @param {any} page a `PullPage` value
 * @returns {any} a `DensePage` value
 */
export function toDense(page) {
  const devices = new Table();
  const regions = new Table();
  const id = (w) => ({ stamp: w.stamp, device: devices.of(w.device) });
  let previous = 0n;
  const changes = page.changes.map((c) => {
    const seq = BigInt(c.seq);
    const step = (seq - previous) & ((1n << 64n) - 1n);
    previous = seq;
    const region = regions.of(c.region);
    const [collection] = Object.keys(c.state);
    const state = c.state[collection];
    const fields = sortedKeys(state.fields).map((key) => {
      const h = state.fields[key];
      return {
        writes: h.writes.map((w) => ({
          stamp: w.id.stamp,
          device: devices.of(w.id.device),
          effective: w.effective === null ? 'pending' : w.effective === w.id.stamp ? 'same' : { at: w.effective },
          base: w.base === null ? null : id(w.base),
          region: regions.of(w.region),
          value: w.value,
        })),
        overwritten: h.overwritten.map(id),
      };
    });
    return { seq_step: step, record: c.record, region, state: { [collection]: fields } };
  });
  return {
    devices: devices.ids,
    regions: regions.ids,
    changes,
    cursor: page.cursor,
    more: page.more,
    server_time: page.server_time,
  };
}

/**
 * @param {string[]} table
 * @param {number} i
 * @param {string} what
 */
function lookUp(table, i, what) {
  if (i >= table.length) throw malformed(`dense page: ${what} index ${i} is past its table of ${table.length}`);
  return table[i];
}

/**
 * The fields of one record's dense state as a `RecordState`, checking the dense rules.
 * @param {any[]} fields
 * @param {string[]} devices
 * @param {string[]} regions
 */
function readState(fields, devices, regions) {
  const id = (d) => ({ stamp: d.stamp, device: lookUp(devices, d.device, 'device') });
  const out = {};
  let lastKey;
  for (const f of fields) {
    if (f.writes.length === 0) throw malformed('dense page: a field without writes');
    const key = fieldKey(f.writes[0].value);
    if (lastKey !== undefined && compareStrings(lastKey, key) >= 0) {
      throw malformed(`dense page: field ${key} is out of order or sent twice`);
    }
    lastKey = key;
    const writes = [];
    for (const w of f.writes) {
      const k = fieldKey(w.value);
      if (k !== key) throw malformed(`dense page: a write of ${k} among the writes of ${key}`);
      const write = {
        id: { stamp: w.stamp, device: lookUp(devices, w.device, 'device') },
        effective: w.effective === 'pending' ? null : w.effective === 'same' ? w.stamp : w.effective.at,
        base: w.base === null ? null : id(w.base),
        region: lookUp(regions, w.region, 'region'),
        value: w.value,
      };
      if (writes.length > 0 && compareWriteIds(writes[writes.length - 1].id, write.id) >= 0) {
        throw malformed(`dense page: the writes of ${key} are out of order`);
      }
      writes.push(write);
    }
    const overwritten = f.overwritten.map(id);
    for (let i = 1; i < overwritten.length; i++) {
      if (compareWriteIds(overwritten[i - 1], overwritten[i]) >= 0) {
        throw malformed(`dense page: the overwritten ids of ${key} are out of order`);
      }
    }
    out[key] = { writes, overwritten };
  }
  return { fields: out };
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * The plain page a dense page stands for, refusing a dense page that breaks its rules.
 * @param {any} dense a `DensePage` value
 * @returns {any} a `PullPage` value
 */
export function fromDense(dense) {
  let seq = 0n;
  const changes = dense.changes.map((c) => {
    if (c.seq_step === 0n) throw malformed("dense page: a change's seq is not after the previous one");
    seq += c.seq_step;
    if (seq > U64_MAX) throw malformed("dense page: a change's seq is past 2^64");
    const [collection] = Object.keys(c.state);
    const state = readState(c.state[collection], dense.devices, dense.regions);
    if (seq > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidValue(`dense page: seq ${seq} is past 2^53, which this client cannot hold exactly`);
    return {
      seq: Number(seq),
      collection,
      record: c.record,
      region: lookUp(dense.regions, c.region, 'region'),
      state: { [collection]: state },
    };
  });
  return { changes, cursor: dense.cursor, more: dense.more, server_time: dense.server_time };
}
