/**
 * @file Photos taken in the field: a miner's face and identity document, a licence
 * document, a parcel of stones. Each is made small on the phone (a JPEG of about 100 KB,
 * and a thumbnail to show), named by its SHA-256, kept in IndexedDB with how much of it
 * the registry holds, and uploaded in chunks after the records (`POST /v1/sync/photo`),
 * resuming where the registry says it stands. Once the registry holds it whole, the phone
 * keeps only the thumbnail: a cheap phone cannot hold a district's photos.
 */
import { sha256, toHex } from './protocol/index.js';
import { request, transaction } from './store.js';

/** The kinds of photo, and the collection each belongs to. */
export const PHOTO_KINDS = {
  miner: ['miner_photo', 'identity_document'],
  licence: ['licence_document'],
  production: ['parcel_photo'],
  export: ['parcel_photo'],
};

/** What a photo is brought down to: at most this many bytes, and this long a side. */
const TARGET_BYTES = 100 * 1024;
const LONGEST_SIDE = 1600;
const THUMB_SIDE = 160;
/** The registry takes a chunk of at most 64 KiB. */
export const CHUNK = 64 * 1024;

/** Draws `bitmap` at most `side` pixels on its longest side and encodes it as JPEG. */
async function jpeg(bitmap, side, quality) {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * A photo as the phone keeps it: the camera's file brought under 100 KB (smaller sides and
 * lower quality in turn), and a thumbnail.
 * @param {Blob} file
 */
export async function compress(file) {
  const bitmap = await createImageBitmap(file);
  let side = LONGEST_SIDE;
  let quality = 0.8;
  let bytes = await jpeg(bitmap, side, quality);
  while (bytes.length > TARGET_BYTES && side > 320) {
    if (quality > 0.55) quality -= 0.1;
    else side = Math.round(side * 0.8);
    bytes = await jpeg(bitmap, side, quality);
  }
  const thumb = await jpeg(bitmap, THUMB_SIDE, 0.7);
  bitmap.close();
  return { bytes, thumb };
}

/** The key of a photo of a record: one digest may be attached to several records. */
function photoKey(record, kind, digest) {
  return `${record}/${kind}/${digest}`;
}

/**
 * Keeps a photo of a record on the phone, to go up at the next sync.
 * @param {string} collection
 * @param {string} record
 * @param {string} kind one of `PHOTO_KINDS[collection]`
 * @param {Blob} file what the camera gave
 */
export async function addPhoto(collection, record, kind, file) {
  if (!PHOTO_KINDS[collection]?.includes(kind)) throw new Error(`no ${kind} for a ${collection}`);
  const { bytes, thumb } = await compress(file);
  const digest = await sha256(bytes);
  const photo = { collection, record, kind, digest, total: bytes.length, bytes, thumb, received: 0, complete: false, taken: new Date().toISOString() };
  await transaction(['photos'], 'readwrite', (s) => request(s.photos.put(photo, photoKey(record, kind, digest))));
  return photo;
}

/** The keys of every photo of a record in the `photos` store. */
export function photosOfRecord(record) {
  return IDBKeyRange.bound(`${record}/`, `${record}/\uffff`);
}

/** The photos the phone holds of a record. */
export function photosOf(record) {
  return transaction(['photos'], 'readonly', (s) => request(s.photos.getAll(photosOfRecord(record))));
}

/** Every photo not yet whole on the registry. */
export async function waitingPhotos() {
  const all = await transaction(['photos'], 'readonly', (s) => request(s.photos.getAll()));
  return all.filter((p) => !p.complete);
}

/**
 * Keeps what the registry said of a photo: how much it holds; once whole, the phone
 * forgets the photo's bytes and keeps its thumbnail.
 */
export function noteReceived(photo, received, complete) {
  return transaction(['photos'], 'readwrite', async (s) => {
    const key = photoKey(photo.record, photo.kind, photo.digest);
    const held = await request(s.photos.get(key));
    if (!held) return;
    held.received = received;
    held.complete = complete;
    if (complete) held.bytes = null;
    await request(s.photos.put(held, key));
  });
}

/** A photo's digest as the `Digest` of the wire (hex). */
export function digestOf(photo) {
  return typeof photo.digest === 'string' ? photo.digest : toHex(photo.digest);
}
