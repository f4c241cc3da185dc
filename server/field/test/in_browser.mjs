//! The conformance vectors, run in a browser: the field app's protocol core as a phone runs
//! it (its own engine's numbers, strings, WebCrypto Ed25519 and SHA-256), against every
//! vector of encodings, merge, clock, signatures and a person's sealed values. Served with
//! the vectors by the browser test `field::the_protocol_core_agrees_with_the_vectors_in_chromium`,
//! which reads `run()`'s answer: how many checks ran, and the ones that failed.

import { fromHex, toHex } from '../js/protocol/bytes.js';
import { Clock } from '../js/protocol/clock.js';
import { decodeJson, decodeMessage, encodeJson, encodeMessage } from '../js/protocol/codec.js';
import { compactRecord, emptyState, historyConflicts, insertWrite, winner } from '../js/protocol/merge.js';
import { digestInput } from '../js/protocol/personal.js';
import { keyFromSeed, sha256, sign, verify } from '../js/protocol/sign.js';
import { AnyRecord, MinerField, WRITE_OF, WriteId } from '../js/protocol/types.js';
import { vectorSchema } from './schemas.mjs';

/** A vector file, its long integers kept exact as strings (as `vectors.mjs` reads them). */
async function load(name) {
  const text = await (await fetch(`/vectors/${name}.json`)).text();
  return JSON.parse(text.replace(/(":\s*)(\d{16,})(?=\s*[,\n}])/g, '$1"$2"'));
}

/** JSON with sorted keys: two values read alike whatever their keys' order. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}

export async function run() {
  let checked = 0;
  const failures = [];
  const check = (ok, what) => {
    checked += 1;
    if (!ok) failures.push(what);
  };
  const attempt = async (what, f) => {
    try {
      await f();
    } catch (e) {
      failures.push(`${what}: ${e.message}`);
    }
  };

  for (const v of (await load('encodings')).vectors) {
    await attempt(v.name, () => {
      const schema = vectorSchema(v.name);
      check(schema !== null, `${v.name}: no schema`);
      const value = decodeJson(schema, v.json);
      check(canonical(encodeJson(schema, value)) === canonical(v.json), `${v.name}: JSON`);
      if (v.binary !== undefined) {
        check(toHex(encodeMessage(schema, value)) === v.binary, `${v.name}: binary out`);
        check(canonical(decodeMessage(schema, fromHex(v.binary))) === canonical(value), `${v.name}: binary in`);
      }
    });
  }

  for (const c of (await load('merge')).cases) {
    const writes = c.writes.map((w) => decodeJson(WRITE_OF.miner, w));
    for (const order of c.orders) {
      await attempt(`${c.name} ${order}`, () => {
        const state = emptyState();
        for (const i of order) insertWrite(state, writes[i], 'miner');
        const got = { miner: state };
        const what = `${c.name}, order ${order.join(',')}`;
        check(canonical(encodeJson(AnyRecord, got)) === canonical(c.state), `${what}: state`);
        const h = state.fields.phone;
        const win = winner(h);
        check(canonical(win && encodeJson(WriteId, win.id)) === canonical(c.winner), `${what}: winner`);
        check(canonical(historyConflicts(h).map((w) => encodeJson(WriteId, w.id))) === canonical(c.conflicts), `${what}: conflicts`);
        check(canonical(encodeJson(AnyRecord, compactRecord(got))) === canonical(c.compacted), `${what}: compacted`);
      });
    }
  }

  const clock = await load('clock');
  for (const c of clock.tick) {
    await attempt(`tick ${c.last}`, () => check(new Clock(c.last).tick(Number(c.wall_ms)) === c.next, `tick after ${c.last}`));
  }
  for (const c of clock.observe) {
    await attempt(`observe ${c.remote}`, () => check(new Clock(c.last).observe(c.remote, Number(c.wall_ms)) === c.next, `observe ${c.remote}`));
  }

  const signatures = await load('signatures');
  await attempt('signatures', async () => {
    const key = await keyFromSeed(signatures.seed);
    check(key.publicKey === signatures.public_key, 'the public key of the seed');
    for (const s of signatures.signed) {
      const bytes = fromHex(s.sealed);
      check((await sign(key.privateKey, bytes)) === s.signature, `${s.name}: signature`);
      check((await sha256(bytes)) === s.digest, `${s.name}: digest`);
      check(await verify(signatures.public_key, bytes, s.signature), `${s.name}: verifies`);
    }
  });

  const personal = await load('personal');
  for (const s of personal.sealed) {
    await attempt(`sealed ${s.field}`, async () => {
      const open = decodeJson(MinerField, s.value.json ?? s.value);
      check(toHex(digestInput(personal.record, s.salt, open)) === s.digest_input, `${s.field}: digest input`);
      check((await sha256(fromHex(s.digest_input))) === s.digest, `${s.field}: digest`);
    });
  }
  return { checked, failures };
}
