/**
 * @file Recording on the phone: an op stamped by the device clock, a person's values
 * sealed, and everything kept in one transaction (PROTOCOL.md, "Writing a client"): the
 * clock's new last stamp, the pending op as signed, the openings, and the record's own
 * copy with the open values and no effective stamp yet. Nothing goes over the network
 * here; the sync loop seals and sends the pending ops.
 */
import { Clock, applyOp, checkOpShape, newUuidV7, sealForSigning } from './protocol/index.js';
import { meta, recordKey, request, transaction } from './store.js';

/** A new record id: a UUIDv7, as the protocol requires of every record id. */
export function newRecordId() {
  return newUuidV7(Date.now());
}

/**
 * Records one op on a record of this phone and resolves with the op as signed.
 * @param {{device: string}} device
 * @param {string} collection
 * @param {string} record the record id
 * @param {string} region where the op files the record (one the device serves)
 * @param {{value: Record<string, unknown>, base: unknown}[]} sets
 */
export async function record(device, collection, record, region, sets) {
  if (sets.length === 0) throw new Error('an op must set at least one field');
  // Two attempts: another tab may tick the clock between the read and the write.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const last = await transaction(['meta'], 'readonly', (s) => meta(s.meta, 'clock', undefined));
    const clock = new Clock(last);
    const stamp = clock.tick(Date.now());
    const write = { stamp, device: device.device };
    const signedSets = [];
    const openings = [];
    for (const set of sets) {
      const sealed = collection === 'miner' ? await sealForSigning(record, write, set.value) : { signed: set.value, opening: null };
      signedSets.push({ value: sealed.signed, base: set.base });
      if (sealed.opening) openings.push(sealed.opening);
    }
    const op = { record, stamp, region, body: { [collection]: signedSets } };
    checkOpShape(op);
    const own = { record, stamp, region, body: { [collection]: sets } };
    const done = await transaction(['meta', 'pending', 'openings', 'records'], 'readwrite', async (s) => {
      if ((await meta(s.meta, 'clock', undefined)) !== last) return false;
      await request(s.meta.put(clock.last, 'clock'));
      await request(s.pending.add({ op, collection }));
      for (const o of openings) await request(s.openings.add(o));
      const key = recordKey(collection, record);
      const held = (await request(s.records.get(key))) ?? {
        collection, id: record, state: { [collection]: { fields: {} } }, filed: null,
      };
      applyOp(held.state, own, device.device, null);
      await request(s.records.put(held, key));
      return true;
    });
    if (done) return op;
  }
  throw new Error('the device clock kept moving: try again');
}

/**
 * Takes the server's clock into account (`placer-server-time`, a page's `server_time`):
 * a phone whose clock is slow stamps after what the server has seen.
 * @param {string} serverTime an `Hlc` string
 */
export function observe(serverTime) {
  if (!serverTime) return Promise.resolve();
  return transaction(['meta'], 'readwrite', async (s) => {
    const clock = new Clock(await meta(s.meta, 'clock', undefined));
    clock.observe(serverTime, Date.now());
    await request(s.meta.put(clock.last, 'clock'));
  });
}
