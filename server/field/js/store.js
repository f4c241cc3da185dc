/**
 * @file The handset's own store: one IndexedDB database, `placer-field`. Everything the
 * protocol asks a device to keep durably lives here, and every change that must land whole
 * (an op with its clock and openings; a sealed batch with the chain's next link; an
 * acknowledgement with the effective stamps; a pull page with its cursor) is one
 * transaction, so a phone switched off at any moment loses at most the step in flight.
 *
 * Stores:
 * - `device`: `self`, the enrolment (id, agent, regions, non-extractable key pair kept as
 *   `CryptoKey` objects, which IndexedDB stores without exposing the private key).
 * - `meta`: small values by name: `clock` (last stamp), `seq` and `prev` (the next batch's
 *   number and link), `nonce` (last nonce used), `cursor` (pull), `sent` (the batch last
 *   handed to the network), `synced` (when the last sync ended).
 * - `pending`: ops recorded and not yet sealed, in order (auto-increment key).
 * - `openings`: openings of personal values not yet taken by the server.
 * - `outbox`: sealed batches by `seq`, kept as their binary `Signed` bytes.
 * - `kept`: acknowledged batches by `seq`, with their acknowledgement, kept for 60 days.
 * - `records`: every record the phone holds, key `collection/id`: its merge state and
 *   where the server files it.
 * - `flags`: the red flags raised on records this phone wrote, by flag id, with the
 *   officers' notes (`POST /v1/sync/notes`); `meta.notes` is the cursor of those pages.
 * - `photos`: photos of records by `record/kind/digest`, with how much of each the
 *   registry holds (`photos.js`).
 */
const NAME = 'placer-field';
const VERSION = 3;

let opened = null;

/** The database, opened once per page. */
export function database() {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = (event) => {
      const db = req.result;
      if (event.oldVersion < 1) db.createObjectStore('device');
      if (event.oldVersion < 2) {
        db.createObjectStore('meta');
        db.createObjectStore('pending', { autoIncrement: true });
        db.createObjectStore('openings', { autoIncrement: true });
        db.createObjectStore('outbox');
        db.createObjectStore('kept');
        const records = db.createObjectStore('records');
        records.createIndex('collection', 'collection');
      }
      if (event.oldVersion < 3) {
        db.createObjectStore('flags');
        db.createObjectStore('photos');
      }
    };
    req.onsuccess = () => {
      // Another tab upgrading the database closes this one; the next call reopens.
      req.result.onversionchange = () => {
        req.result.close();
        opened = null;
      };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
  return opened;
}

/** A request as a promise (awaiting it keeps its transaction alive). */
export function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Runs `fn(stores)` in one transaction over `names` and resolves with its result once the
 * transaction has committed; rejects, with nothing written, if any step fails. Inside
 * `fn`, await only requests of this transaction (anything else lets it commit early).
 * @template T
 * @param {string[]} names
 * @param {'readonly'|'readwrite'} mode
 * @param {(stores: Record<string, IDBObjectStore>) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function transaction(names, mode, fn) {
  const db = await database();
  const tx = db.transaction(names, mode, { durability: 'strict' });
  const done = new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
  const stores = Object.fromEntries(names.map((n) => [n, tx.objectStore(n)]));
  let result;
  try {
    result = await fn(stores);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await done.catch(() => {});
    throw e;
  }
  await done;
  return result;
}

/** Every value of a store (or of an index), in key order. */
export function all(source, query) {
  return request(source.getAll(query));
}

/** Every `[key, value]` of a store, in key order. */
export async function entries(store) {
  const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
  return keys.map((k, i) => [k, values[i]]);
}

/** The enrolled device, or `undefined`. */
export function loadDevice() {
  return transaction(['device'], 'readonly', (s) => request(s.device.get('self')));
}

/** One value of `meta`, or `fallback`. */
export async function meta(store, name, fallback) {
  const v = await request(store.get(name));
  return v === undefined ? fallback : v;
}

/**
 * Keeps the enrolled device with the protocol's starting state, in one write: the clock
 * having observed the server's time, the first batch numbered 1 and linked to zeros, no
 * nonce used, the pull at cursor 0. A phone enrols once: a second enrolment is refused.
 */
export function saveDevice(device, clockLast, zeroDigest) {
  return transaction(['device', 'meta'], 'readwrite', async (s) => {
    await request(s.device.add(device, 'self'));
    await request(s.meta.put(clockLast, 'clock'));
    await request(s.meta.put(1, 'seq'));
    await request(s.meta.put(zeroDigest, 'prev'));
    await request(s.meta.put(0, 'nonce'));
    await request(s.meta.put(0, 'cursor'));
  });
}

/** The key of a record in `records`. */
export function recordKey(collection, id) {
  return `${collection}/${id}`;
}

/** Every record of one collection the phone holds. */
export function recordsOf(collection) {
  return transaction(['records'], 'readonly', (s) => all(s.records.index('collection'), collection));
}

/** How much waits to go up: ops not sealed, batches not acknowledged, openings not taken. */
export function backlog() {
  return transaction(['pending', 'outbox', 'openings', 'meta'], 'readonly', async (s) => ({
    pending: await request(s.pending.count()),
    outbox: await request(s.outbox.count()),
    openings: await request(s.openings.count()),
    synced: await meta(s.meta, 'synced', null),
  }));
}

/** The flags raised on this phone's records, as the registry last told them. */
export function loadFlags() {
  return transaction(['flags'], 'readonly', (s) => all(s.flags));
}
