#!/usr/bin/env node
// Push-throughput load for the PouchDB Server peer of Placer's push benchmark.
//
//   node load.mjs --url http://127.0.0.1:PORT --clients 50 --batches 4 --docs 500
//
// Recreates database `bench`, then runs `clients` concurrent clients, each
// sending `batches` sequential POST /bench/_bulk_docs of `docs` documents.
// All request bodies are built before timing starts. Prints one JSON line on
// stdout. Exits non-zero on any non-201 response, any doc result that is not
// ok, a request timeout, or the whole-run timeout (10 minutes).
// Only loopback targets are accepted.

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 120 * 1000;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const LIMITS = { clients: 1000, batches: 10000, docs: 100000, total: 5_000_000 };

function die(msg, code = 1) {
  process.stderr.write(`load.mjs: ${msg}\n`);
  process.exit(code);
}

// Whole-run bound: nothing may keep this process alive beyond it.
const runTimer = setTimeout(() => die(`whole run exceeded ${RUN_TIMEOUT_MS / 1000} s`, 3), RUN_TIMEOUT_MS);
runTimer.unref();

// ---- arguments -------------------------------------------------------------

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      url: { type: 'string' },
      clients: { type: 'string', default: '50' },
      batches: { type: 'string', default: '4' },
      docs: { type: 'string', default: '500' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (e) {
  die(`${e.message}\nusage: node load.mjs --url http://127.0.0.1:PORT --clients 50 --batches 4 --docs 500`, 2);
}
if (args.help || !args.url) {
  process.stderr.write('usage: node load.mjs --url http://127.0.0.1:PORT --clients 50 --batches 4 --docs 500\n');
  process.exit(args.help ? 0 : 2);
}

function posInt(name) {
  const s = args[name];
  if (!/^[0-9]+$/.test(s)) die(`--${name} must be a positive integer, got ${JSON.stringify(s)}`, 2);
  const n = Number(s);
  if (n < 1 || n > LIMITS[name]) die(`--${name} must be in 1..${LIMITS[name]}, got ${n}`, 2);
  return n;
}
const clients = posInt('clients');
const batches = posInt('batches');
const docsPerBatch = posInt('docs');
const totalDocs = clients * batches * docsPerBatch;
if (totalDocs > LIMITS.total) die(`clients*batches*docs = ${totalDocs} exceeds ${LIMITS.total}`, 2);

let base;
try {
  base = new URL(args.url);
} catch {
  die(`--url is not a URL: ${args.url}`, 2);
}
if (base.protocol !== 'http:') die('--url must be http://', 2);
{
  const h = base.hostname;
  const loopback = h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
  if (!loopback) die(`refusing non-loopback target ${h}; this benchmark runs only against 127.0.0.1`, 2);
}
const host = base.hostname.replace(/^\[|\]$/g, '');
const port = Number(base.port || 80);

// ---- peer version ----------------------------------------------------------

function peerVersion() {
  try {
    const p = new URL('./node_modules/pouchdb-server/package.json', import.meta.url);
    return JSON.parse(fs.readFileSync(p, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// ---- HTTP ------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: clients + 1 });

// One request, bounded by REQUEST_TIMEOUT_MS and MAX_RESPONSE_BYTES.
function request(method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = body.length;
    }
    const req = http.request({ host, port, method, path, headers, agent }, (res) => {
      const chunks = [];
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy(new Error(`${method} ${path}: response larger than ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what}: response is not JSON: ${text.slice(0, 200)}`);
  }
}

// ---- documents ---------------------------------------------------------------

const runStartMs = Date.now();
let idSeq = 0;
// UUID v7 layout: 48-bit ms timestamp, version 7, 12-bit rand_a, variant, 62-bit rand_b.
// rand_a carries a per-run sequence so ids are unique within the run.
function uuidV7() {
  const seq = idSeq++;
  const ts = runStartMs + Math.floor(seq / 4096);
  const b = crypto.randomBytes(16);
  b.writeUIntBE(ts, 0, 6);
  const randA = seq % 4096;
  b[6] = 0x70 | (randA >> 8);
  b[7] = randA & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const rnd = (lo, hi) => lo + Math.random() * (hi - lo);
const rndInt = (lo, hi) => Math.floor(rnd(lo, hi + 1));
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const dayMs = 24 * 3600 * 1000;
const dateBase = Date.UTC(2026, 0, 1);

function productionDoc() {
  const nStones = rndInt(0, 6);
  const stones = [];
  for (let i = 0; i < nStones; i++) stones.push(rndInt(1, 500));
  return {
    _id: uuidV7(),
    type: 'production',
    licence: crypto.randomUUID(),
    miner: crypto.randomUUID(),
    region: crypto.randomUUID(),
    date: new Date(dateBase + rndInt(0, 89) * dayMs).toISOString().slice(0, 10),
    fix: { lat: round(rnd(4.7, 11.2), 5), lon: round(rnd(-3.3, 1.2), 5), accuracy_m: rndInt(3, 30) },
    diggers: rndInt(1, 20),
    gravel_litres: rndInt(100, 10000),
    stones_hundredths_ct: stones,
    mineral: 'diamond',
  };
}

// bodies[c][b] = { buf, ids }
const bodies = [];
let bodyBytes = 0;
for (let c = 0; c < clients; c++) {
  const mine = [];
  for (let b = 0; b < batches; b++) {
    const docs = [];
    for (let d = 0; d < docsPerBatch; d++) docs.push(productionDoc());
    const buf = Buffer.from(JSON.stringify({ docs }), 'utf8');
    bodyBytes += buf.length;
    mine.push({ buf, ids: docs.map((x) => x._id) });
  }
  bodies.push(mine);
}

// ---- run -----------------------------------------------------------------------

function checkBulkResponse(res, ids, where) {
  if (res.status !== 201) throw new Error(`${where}: HTTP ${res.status}, expected 201: ${res.body.slice(0, 300)}`);
  const out = parseJson(res.body, where);
  if (!Array.isArray(out) || out.length !== ids.length) {
    throw new Error(`${where}: expected ${ids.length} results, got ${Array.isArray(out) ? out.length : typeof out}`);
  }
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    if (!r || r.ok !== true || r.id !== ids[i] || typeof r.rev !== 'string') {
      throw new Error(`${where}: doc ${i} not ok: ${JSON.stringify(r)}`);
    }
  }
}

async function main() {
  // Is it a PouchDB Server?
  const root = await request('GET', '/');
  if (root.status !== 200) throw new Error(`GET /: HTTP ${root.status}`);
  const welcome = parseJson(root.body, 'GET /');
  if (!('express-pouchdb' in welcome)) throw new Error(`GET /: not a PouchDB Server: ${root.body.slice(0, 200)}`);

  // Fresh database: drop a leftover from an earlier run on the same server.
  const del = await request('DELETE', '/bench');
  if (del.status !== 200 && del.status !== 404) throw new Error(`DELETE /bench: HTTP ${del.status}: ${del.body.slice(0, 200)}`);
  const put = await request('PUT', '/bench');
  if (put.status !== 201) throw new Error(`PUT /bench: HTTP ${put.status}, expected 201: ${put.body.slice(0, 200)}`);

  const latencies = [];
  let failed = null;
  async function client(c) {
    for (let b = 0; b < batches; b++) {
      if (failed) return;
      const { buf, ids } = bodies[c][b];
      const t0 = process.hrtime.bigint();
      const res = await request('POST', '/bench/_bulk_docs', buf);
      const t1 = process.hrtime.bigint();
      latencies.push(Number(t1 - t0) / 1e6);
      checkBulkResponse(res, ids, `client ${c} batch ${b}`);
    }
  }

  const start = process.hrtime.bigint();
  const results = await Promise.allSettled(
    Array.from({ length: clients }, (_, c) => client(c).catch((e) => { failed ??= e; throw e; })),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (failed) throw failed;
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;

  // Cross-check: the server holds exactly what was pushed.
  const info = await request('GET', '/bench');
  const infoJson = parseJson(info.body, 'GET /bench');
  if (info.status !== 200 || infoJson.doc_count !== totalDocs) {
    throw new Error(`GET /bench: doc_count ${infoJson.doc_count}, expected ${totalDocs}`);
  }

  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  const line = {
    peer: `pouchdb-server ${peerVersion()}`,
    clients,
    batches,
    docs_per_batch: docsPerBatch,
    docs: totalDocs,
    seconds: round(seconds, 3),
    docs_per_s: Math.round(totalDocs / seconds),
    p50_ms: round(pct(50), 1),
    p99_ms: round(pct(99), 1),
    bytes_per_doc: round(bodyBytes / totalDocs, 1),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

main().then(
  () => {
    agent.destroy();
    clearTimeout(runTimer);
  },
  (e) => die(e && e.message ? e.message : String(e)),
);
