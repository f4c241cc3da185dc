/**
 * @file The handset's own store: one IndexedDB database, `placer-field`. Today it holds
 * the device (its id, agent, regions and non-extractable key pair, kept as the
 * `CryptoKey` objects themselves, which IndexedDB stores without exposing the private
 * key). Each write is one transaction: it lands whole or not at all.
 */
const NAME = 'placer-field';
const VERSION = 1;

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('device');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** `fn(store)` in one transaction on `store`; resolves with the request's result. */
async function run(store, mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The enrolled device, or `undefined`. */
export function loadDevice() {
  return run('device', 'readonly', (s) => s.get('self'));
}

/** Keeps the enrolled device (replacing none: a phone enrols once). */
export function saveDevice(device) {
  return run('device', 'readwrite', (s) => s.add(device, 'self'));
}
