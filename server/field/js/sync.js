/**
 * @file The sync loop, as PROTOCOL.md's "Writing a client" asks: seal the pending ops into
 * chained, signed batches (kept before any is sent); push them one by one in binary,
 * gzip-compressed, asking `/v1/sync/ack` first about a batch sent before whose answer
 * never came; take each acknowledgement's effective stamps; send the openings of a
 * person's values; pull dense pages, each merged with its cursor in one write. A failure
 * of the link is retried after a doubling wait, from what was kept; what cannot heal
 * (a fork, a broken chain, a revoked device) stops the sync and keeps the outbox.
 */
import {
  Clock,
  ackMatches,
  decodeMessage,
  decodePage,
  effectiveStamp,
  encodeMessage,
  encodePlain,
  mergeRecords,
  winner,
  seal,
  toHex,
  types,
} from './protocol/index.js';
import { CHUNK, digestOf, noteReceived, photosOfRecord, waitingPhotos } from './photos.js';
import { onRegistry } from './records.js';
import { observe } from './recorder.js';
import { all, entries, meta, recordKey, request, transaction } from './store.js';

/** A batch takes ops until their encoding reaches 128 KiB or 2,000 ops. */
const BATCH_BYTES = 128 * 1024;
const BATCH_OPS = 2000;
/** Waits between attempts over a failing link: doubling from 1 s to 30 s, 8 tries. */
const FIRST_WAIT_MS = 1000;
const LAST_WAIT_MS = 30_000;
const ATTEMPTS = 8;
/** A request is given up after this long (a 2G page takes seconds, not minutes). */
const REQUEST_TIMEOUT_MS = 120_000;

const BINARY = 'application/x-placer';

/** A failure the server or the link answered, with the protocol's code. */
export class SyncError extends Error {
  constructor(code, message, status = 0, expectedSeq = null, expectedOffset = null) {
    super(message);
    this.code = code;
    this.status = status;
    this.expectedSeq = expectedSeq;
    this.expectedOffset = expectedOffset;
  }

  /** Whether trying again later may succeed (the link, the server's load). */
  get transient() {
    return ['network', 'incomplete', 'internal', 'unavailable', 'too_many_requests', 'timeout'].includes(this.code);
  }
}

/** Codes after which the device must stop: an administrator must look. */
const FATAL = new Set(['fork', 'broken_chain', 'bad_signature', 'device_revoked', 'unknown_device', 'out_of_scope', 'malformed', 'invalid_value', 'unsupported_version']);

async function gzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The bytes an answer took on the link (compressed, headers included) as the browser's
 * resource timing saw them, or null where it does not say.
 */
function transferred(url) {
  if (typeof performance === 'undefined' || !performance.getEntriesByName) return null;
  const entry = performance.getEntriesByName(url).pop();
  performance.clearResourceTimings();
  return entry && entry.transferSize > 0 ? entry.transferSize : null;
}

/**
 * One exchange with the registry. Counts the bytes that crossed the link each way (the
 * compressed body up; down, the body as received when the server says its length).
 */
class Link {
  constructor(onTraffic) {
    this.up = 0;
    this.down = 0;
    this.onTraffic = onTraffic;
  }

  /**
   * POSTs a binary message (gzip-compressed) and resolves with the binary answer.
   * @param {string} path
   * @param {Uint8Array} body
   * @param {string} accept
   * @returns {Promise<{bytes: Uint8Array, serverTime: string|null}>}
   */
  async post(path, body, accept = BINARY) {
    const packed = await gzip(body);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    let res;
    let bytes;
    try {
      res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': BINARY, 'content-encoding': 'gzip', accept },
        body: packed,
        signal: abort.signal,
        cache: 'no-store',
      });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw new SyncError(abort.signal.aborted ? 'timeout' : 'network', String(e?.message ?? e));
    } finally {
      clearTimeout(timer);
    }
    this.up += packed.length;
    this.down += transferred(res.url) ?? (Number(res.headers.get('content-length')) || bytes.length);
    this.onTraffic?.(this.up, this.down);
    const serverTime = res.headers.get('placer-server-time');
    if (!res.ok) {
      let body = {};
      try {
        body = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        // an answer from something that is not the registry (a proxy's page)
      }
      throw new SyncError(body.code ?? (res.status >= 500 ? 'unavailable' : 'failed'), body.message ?? `HTTP ${res.status}`, res.status, body.expected_seq ?? null, body.expected_offset ?? null);
    }
    return { bytes, serverTime };
  }
}

/**
 * Syncs the phone with the registry: up, then down. `progress(event)` is told each step
 * (`{step: 'sealed'|'pushed'|'opened'|'pulled', …}`) and the bytes so far.
 * @param {{device: string, privateKey: CryptoKey}} device
 * @param {(event: object) => void} [progress]
 * @returns {Promise<{pushed: number, ops: number, pulled: number, up: number, down: number, cursor: number}>}
 */
export async function sync(device, progress = () => {}) {
  const report = { pushed: 0, ops: 0, pulled: 0, opened: 0, photos: 0, flags: 0, up: 0, down: 0, cursor: 0 };
  const link = new Link((up, down) => {
    report.up = up;
    report.down = down;
    progress({ step: 'traffic', ...report });
  });
  await sealPending(device, () => progress({ step: 'sealed', ...report }));
  await retrying(() => pushOutbox(device, link, report, progress));
  await retrying(() => sendOpenings(device, link, report, progress));
  await retrying(() => uploadPhotos(device, link, report, progress));
  await retrying(() => pull(device, link, report, progress));
  await retrying(() => notes(device, link, report, progress));
  await transaction(['meta'], 'readwrite', (s) => request(s.meta.put(new Date().toISOString(), 'synced')));
  return report;
}

/** Runs `step` again after a doubling wait while it fails on the link or the server's load. */
async function retrying(step) {
  let wait = FIRST_WAIT_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof SyncError) || !e.transient || attempt >= ATTEMPTS) throw e;
      // With no network at all, waiting is pointless: the sync ends here, and the phone
      // syncs again by itself when a network appears (`online`).
      if (e.code === 'network' && typeof navigator !== 'undefined' && navigator.onLine === false) {
        throw new SyncError('offline', e.message);
      }
      await new Promise((r) => setTimeout(r, wait / 2 + Math.random() * (wait / 2)));
      wait = Math.min(wait * 2, LAST_WAIT_MS);
    }
  }
}

/**
 * Seals every pending op into batches, each kept in the outbox with the chain's next
 * number and link in the same write that takes its ops off the pending queue.
 */
export async function sealPending(device, onSealed) {
  for (;;) {
    const state = await transaction(['pending', 'meta'], 'readonly', async (s) => ({
      pending: await entries(s.pending),
      seq: await meta(s.meta, 'seq', 1),
      prev: await meta(s.meta, 'prev', null),
      clock: await meta(s.meta, 'clock', undefined),
    }));
    if (state.pending.length === 0) return;
    const taken = [];
    let size = 0;
    for (const [key, { op, collection }] of state.pending) {
      const bytes = encodePlain(types.Op, op).length;
      if (taken.length > 0 && (taken.length >= BATCH_OPS || size + bytes > BATCH_BYTES)) break;
      taken.push({ key, op, collection });
      size += bytes;
    }
    const clock = new Clock(state.clock);
    const batch = {
      device: device.device,
      seq: state.seq,
      prev: state.prev,
      sealed_at: clock.tick(Date.now()),
      ops: taken.map((t) => t.op),
    };
    const sealed = await seal(types.Batch, batch, device.privateKey);
    const body = encodeMessage(types.Signed, sealed.signed);
    await transaction(['pending', 'meta', 'outbox'], 'readwrite', async (s) => {
      if ((await meta(s.meta, 'seq', 1)) !== state.seq) throw new Error('another sync sealed this batch');
      await request(s.outbox.add({
        seq: batch.seq,
        body,
        digest: sealed.digest,
        ops: taken.map((t) => ({ collection: t.collection, record: t.op.record, stamp: t.op.stamp })),
        sealedAt: batch.sealed_at,
      }, batch.seq));
      for (const t of taken) await request(s.pending.delete(t.key));
      await request(s.meta.put(batch.seq + 1, 'seq'));
      await request(s.meta.put(sealed.digest, 'prev'));
      await request(s.meta.put(clock.last, 'clock'));
    });
    onSealed();
  }
}

/** The next nonce, stored before the request that uses it is sent. */
function nextNonce() {
  return transaction(['meta'], 'readwrite', async (s) => {
    const nonce = (await meta(s.meta, 'nonce', 0)) + 1;
    await request(s.meta.put(nonce, 'nonce'));
    return nonce;
  });
}

/** A signed request (`PullRequest`, `AckRequest`, `OpenRequest`) as its binary `Signed`. */
async function signedRequest(schema, message, device) {
  const sealed = await seal(schema, message, device.privateKey);
  return encodeMessage(types.Signed, sealed.signed);
}

/** Pushes the outbox in `seq` order, each batch acknowledged alone. */
async function pushOutbox(device, link, report, progress) {
  for (;;) {
    const next = await transaction(['outbox', 'meta'], 'readonly', async (s) => ({
      batch: (await all(s.outbox))[0],
      sent: await meta(s.meta, 'sent', null),
    }));
    if (!next.batch) return;
    const batch = next.batch;
    let ack = null;
    if (next.sent === batch.seq) ack = await askAck(device, link, batch.seq);
    if (ack === null) {
      await transaction(['meta'], 'readwrite', (s) => request(s.meta.put(batch.seq, 'sent')));
      try {
        const answer = await link.post('/v1/sync/push', batch.body);
        await observe(answer.serverTime);
        ack = decodeMessage(types.PushAck, answer.bytes);
      } catch (e) {
        if (e instanceof SyncError && e.code === 'sequence_gap' && e.expectedSeq !== null) {
          await resendKept(device, link, e.expectedSeq, batch.seq);
          continue;
        }
        throw stopping(e);
      }
    }
    if (!ackMatches(ack, { device: device.device, seq: batch.seq }, batch.digest)) {
      throw new SyncError('bad_ack', `the registry acknowledged another batch than ${batch.seq}`);
    }
    await takeAck(batch, ack);
    report.pushed += 1;
    report.ops += batch.ops.length;
    progress({ step: 'pushed', ...report });
  }
}

/** A failure that must stop syncing is marked so: the app says an administrator must look. */
function stopping(e) {
  if (e instanceof SyncError && FATAL.has(e.code)) e.fatal = true;
  return e;
}

/** "Did you accept batch `seq`?": its acknowledgement, or null when the server lacks it. */
async function askAck(device, link, seq) {
  const body = await signedRequest(types.AckRequest, { device: device.device, nonce: await nextNonce(), seq }, device);
  try {
    const answer = await link.post('/v1/sync/ack', body);
    await observe(answer.serverTime);
    return decodeMessage(types.PushAck, answer.bytes);
  } catch (e) {
    if (e instanceof SyncError && e.code === 'not_found') return null;
    throw stopping(e);
  }
}

/**
 * The server lost acknowledged batches in a repair of its log: sends the kept ones from
 * `from` up to the outbox's first again, in order.
 */
async function resendKept(device, link, from, upTo) {
  if (from >= upTo) {
    throw Object.assign(new SyncError('sequence_gap', `the registry expects batch ${from}, beyond this phone's next ${upTo}`), { fatal: true });
  }
  for (let seq = from; seq < upTo; seq += 1) {
    const kept = await transaction(['kept'], 'readonly', (s) => request(s.kept.get(seq)));
    if (!kept) {
      throw Object.assign(new SyncError('lost_batch', `the registry asks for batch ${seq}, which this phone no longer keeps`), { fatal: true });
    }
    const answer = await link.post('/v1/sync/push', kept.body);
    await observe(answer.serverTime);
  }
}

/**
 * Moves an acknowledged batch to the kept ones and gives its writes their effective
 * stamps, `min(op.stamp, received)`, as the server did: one write.
 */
async function takeAck(batch, ack) {
  await transaction(['outbox', 'kept', 'records', 'meta'], 'readwrite', async (s) => {
    await request(s.kept.put({ ...batch, ack, keptAt: new Date().toISOString() }, batch.seq));
    await request(s.outbox.delete(batch.seq));
    await request(s.meta.delete('sent'));
    for (const op of batch.ops) {
      const key = recordKey(op.collection, op.record);
      const held = await request(s.records.get(key));
      if (!held) continue;
      const state = held.state[op.collection];
      for (const h of Object.values(state.fields)) {
        for (const w of h.writes) {
          if (w.id.stamp === op.stamp && w.id.device === ack.device && w.effective === null) {
            w.effective = effectiveStamp(op.stamp, ack.received);
          }
        }
      }
      await request(s.records.put(held, key));
    }
  });
}

/** Sends the openings of a person's values, at most 5,000 a request; forgets those taken. */
async function sendOpenings(device, link, report, progress) {
  for (;;) {
    const waiting = await transaction(['openings'], 'readonly', (s) => entries(s.openings));
    if (waiting.length === 0) return;
    const chunk = waiting.slice(0, types.MAX_OPENINGS);
    const body = await signedRequest(types.OpenRequest, {
      device: device.device,
      nonce: await nextNonce(),
      openings: chunk.map(([, o]) => o),
    }, device);
    let answer;
    try {
      answer = await link.post('/v1/sync/open', body);
    } catch (e) {
      throw stopping(e);
    }
    await observe(answer.serverTime);
    const ack = decodeMessage(types.OpenAck, answer.bytes);
    const keep = new Set(ack.waiting);
    await transaction(['openings'], 'readwrite', async (s) => {
      for (const [i, [key]] of chunk.entries()) if (!keep.has(i)) await request(s.openings.delete(key));
    });
    report.opened += ack.opened;
    progress({ step: 'opened', ...report });
    // Openings whose batch the server has not received wait for the next sync.
    if (keep.size > 0 || chunk.length === waiting.length) return;
  }
}

/** Pulls pages until the server has no more, each merged with its cursor in one write. */
async function pull(device, link, report, progress) {
  for (;;) {
    const cursor = await transaction(['meta'], 'readonly', (s) => meta(s.meta, 'cursor', 0));
    const body = await signedRequest(types.PullRequest, {
      device: device.device,
      nonce: await nextNonce(),
      cursor,
      regions: [],
      limit: 5000,
    }, device);
    let answer;
    try {
      answer = await link.post('/v1/sync/pull', body, `${BINARY}; version=2`);
    } catch (e) {
      throw stopping(e);
    }
    const page = decodePage(answer.bytes);
    await applyPage(page);
    await observe(page.server_time);
    report.pulled += page.changes.length;
    report.cursor = page.cursor;
    progress({ step: 'pulled', ...report });
    if (!page.more) return;
  }
}

/**
 * Whether the registry erased a miner as a person: the current names are erased (a
 * rectification erases a field's earlier values only, and leaves its winner).
 */
function erasedPerson(state) {
  const names = state.miner?.fields.names;
  const current = names ? winner(names) : null;
  return current !== null && Object.hasOwn(current.value, 'erased');
}

/**
 * Merges a page's changes into the phone's records and stores its cursor: one write. A
 * miner whose values the registry erased loses the photos the phone still holds of them
 * (their thumbnails), in the same write.
 */
export function applyPage(page) {
  return transaction(['records', 'meta', 'photos'], 'readwrite', async (s) => {
    for (const change of page.changes) {
      if (erasedPerson(change.state)) {
        await request(s.photos.delete(photosOfRecord(change.record)));
      }
      const key = recordKey(change.collection, change.record);
      const held = await request(s.records.get(key));
      if (held) {
        mergeRecords(held.state, change.state);
        held.filed = change.region;
        await request(s.records.put(held, key));
      } else {
        await request(s.records.put({ collection: change.collection, id: change.record, state: change.state, filed: change.region }, key));
      }
    }
    await request(s.meta.put(page.cursor, 'cursor'));
  });
}

/** The cursor of the first notes page: before every flag. */
const NOTES_START = { updated_at: '1970-01-01T00:00:00Z+0', flag: '' };

/**
 * Learns the red flags raised on the records this phone wrote, with the officers' notes:
 * pages from the kept cursor, each page's flags (by id: a flag sent again replaces the one
 * held) and cursor stored in one write.
 */
async function notes(device, link, report, progress) {
  for (;;) {
    const after = await transaction(['meta'], 'readonly', (s) => meta(s.meta, 'notes', NOTES_START));
    const body = await signedRequest(types.NotesRequest, { device: device.device, nonce: await nextNonce(), after, limit: 500 }, device);
    let answer;
    try {
      answer = await link.post('/v1/sync/notes', body);
    } catch (e) {
      throw stopping(e);
    }
    const page = decodeMessage(types.NotesPage, answer.bytes);
    await transaction(['flags', 'meta'], 'readwrite', async (s) => {
      for (const flag of page.flags) await request(s.flags.put(flag, flag.id));
      await request(s.meta.put(page.cursor, 'notes'));
    });
    await observe(page.server_time);
    report.flags += page.flags.length;
    progress({ step: 'notes', ...report });
    if (!page.more) return;
  }
}

/**
 * Uploads the photos the registry does not hold whole, once their record is there, in
 * chunks of 64 KiB from where the registry stands: a cut costs at most a chunk.
 */
async function uploadPhotos(device, link, report, progress) {
  for (const photo of await waitingPhotos()) {
    const held = await transaction(['records'], 'readonly', (s) => request(s.records.get(recordKey(photo.collection, photo.record))));
    if (!held || !onRegistry(held.state[photo.collection])) continue;
    let offset = photo.received;
    for (;;) {
      const chunk = photo.bytes.subarray(offset, Math.min(offset + CHUNK, photo.total));
      const body = await signedRequest(types.PhotoChunk, {
        device: device.device,
        nonce: await nextNonce(),
        record: photo.record,
        collection: photo.collection,
        kind: photo.kind,
        digest: digestOf(photo),
        total: photo.total,
        offset,
        bytes: toHex(chunk),
      }, device);
      let ack;
      try {
        const answer = await link.post('/v1/sync/photo', body);
        await observe(answer.serverTime);
        ack = decodeMessage(types.PhotoAck, answer.bytes);
      } catch (e) {
        // The registry holds less than the phone thought (a lost partial file): from there.
        if (e instanceof SyncError && e.expectedOffset !== null && e.expectedOffset !== undefined && e.expectedOffset < offset) {
          offset = e.expectedOffset;
          continue;
        }
        throw stopping(e);
      }
      await noteReceived(photo, ack.received, ack.complete);
      progress({ step: 'photo', ...report });
      if (ack.complete) {
        report.photos += 1;
        break;
      }
      offset = ack.received;
    }
  }
}
