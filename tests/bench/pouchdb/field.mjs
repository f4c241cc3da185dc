#!/usr/bin/env node
// The PouchDB side of Placer's field-link benchmark: PouchDB's own replication client
// (pouchdb-core with the memory and http adapters and pouchdb-replication, as an app on a
// handset would hold) syncing with PouchDB Server through the same shaping proxy as
// Placer's device client.
//
//   node field.mjs --url http://127.0.0.1:SERVER --via http://127.0.0.1:PROXY \
//                  --scenario week|lost-ack|outage|first --db NAME [--gzip] [--front PORT]
//
// --url is the server itself (used to load a region before a first sync, off the link);
// --via is the proxy the replication goes through. With --gzip, request bodies are sent
// gzip-compressed and answers asked for gzip (PouchDB Server's compression middleware
// answers it); without it, answers are asked for as identity (plain JSON). PouchDB Server
// does not inflate request bodies, so --front PORT starts, in this process, a loopback
// front on PORT that inflates them and forwards to --url: the proxy then targets PORT.
//
// Prints "ready" on a line of its own when the timed part starts (the bench resets the
// link's byte counters then, and starts an outage from there), then one JSON line:
// {"seconds":..,"attempts":..,"docs_written":..,"docs_read":..}. A failed replication is
// retried after a jittered 1–2 s, as an app would, for at most 300 s.

import http from 'node:http';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
const { fetch: pouchFetch } = require('pouchdb-fetch');

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    via: { type: 'string' },
    scenario: { type: 'string' },
    db: { type: 'string' },
    gzip: { type: 'boolean', default: false },
    front: { type: 'string' },
  },
  strict: true,
});
function die(msg) {
  process.stderr.write(`field.mjs: ${msg}\n`);
  process.exit(1);
}
if (!args.url || !args.via || !args.scenario || !args.db) {
  die('usage: node field.mjs --url URL --via URL --scenario week|lost-ack|outage|first --db NAME [--gzip] [--front PORT]');
}
for (const u of [args.url, args.via]) {
  const h = new URL(u).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(h) && h !== 'localhost') die(`refusing a non-loopback target ${h}`);
}
const LIMIT_MS = 300_000;
setTimeout(() => die('the run exceeded 300 s'), LIMIT_MS + 30_000).unref();

// ---- the gzip front: inflates request bodies, forwards everything else as it is ----------

function startFront(port, target) {
  const t = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const headers = { ...req.headers };
      if (headers['content-encoding'] === 'gzip') {
        body = zlib.gunzipSync(body);
        delete headers['content-encoding'];
      }
      if (body.length || headers['content-length']) headers['content-length'] = String(body.length);
      headers.host = t.host;
      const up = http.request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  server.keepAliveTimeout = 75_000;
  return new Promise((resolve) => server.listen(Number(port), '127.0.0.1', () => resolve(server)));
}

// ---- the client's fetch: compression as asked, and a lost answer on demand ---------------

let loseNextBulkAnswer = false;
function fetchWith(gzip) {
  return async (url, opts) => {
    opts.headers.set('Accept-Encoding', gzip ? 'gzip' : 'identity');
    if (gzip && typeof opts.body === 'string' && opts.body.length > 0) {
      opts.body = zlib.gzipSync(Buffer.from(opts.body));
      opts.headers.set('Content-Encoding', 'gzip');
    }
    const res = await pouchFetch(url, opts);
    if (loseNextBulkAnswer && /\/_bulk_docs/.test(url)) {
      // The server wrote the batch; its answer never reaches the handset.
      loseNextBulkAnswer = false;
      await res.arrayBuffer().catch(() => {});
      throw new Error('connection reset (the acknowledgement was lost)');
    }
    return res;
  };
}

// ---- the same week of work as the Placer side: 50 miners, 10 licences, 300 productions,
// 40 sales -------------------------------------------------------------------------------

function week(agent, region) {
  const docs = [];
  const fix = (n) => ({
    lon: -0.75 + (n % 97) * 1e-4,
    lat: 6.05 + (n % 89) * 1e-4,
    accuracy_m: 8,
  });
  const id = () => crypto.randomUUID();
  const miners = [];
  for (let i = 0; i < 50; i++) {
    const _id = id();
    miners.push(_id);
    docs.push({
      _id,
      type: 'miner',
      region,
      names: `Kwame Mensah ${i}`,
      sex: i % 3 === 0 ? 'female' : 'male',
      birth_year: 1970 + (i % 30),
      home_region: region,
      registered_on: '2026-11-23',
      registered_by: agent,
      national_id: `GHA-${String(700000 + i).padStart(9, '0')}`,
      phone: `+233 24 ${String(1000000 + i).padStart(7, '0')}`,
      cooperative: null,
      registered_at: fix(i),
    });
  }
  const licences = [];
  for (let i = 0; i < 10; i++) {
    const _id = id();
    licences.push(_id);
    docs.push({
      _id,
      type: 'licence',
      region,
      number: `GH-SSM-${String(100 + i).padStart(4, '0')}`,
      kind: i < 8 ? 'claim' : 'buyer',
      holder: { miner: miners[i] },
      mineral: 'diamond',
      issued: '2026-01-01',
      expires: '2027-12-31',
      status: 'active',
      area: null,
    });
  }
  for (let i = 0; i < 300; i++) {
    const stones = [];
    for (let s = 0; s < 1 + (i % 3); s++) stones.push(12 + s * 7 + (i % 40));
    docs.push({
      _id: id(),
      type: 'production',
      region,
      licence: licences[i % 8],
      miner: miners[i % 50],
      date: '2026-11-24',
      fix: fix(i),
      diggers: 3 + (i % 5),
      gravel_litres: 400 + (i % 7) * 50,
      stones_hundredths_ct: stones,
      mineral: 'diamond',
    });
  }
  for (let i = 0; i < 40; i++) {
    docs.push({
      _id: id(),
      type: 'sale',
      region,
      seller: { miner: miners[i % 50] },
      buyer: licences[8 + (i % 2)],
      date: '2026-11-25',
      carats_hundredths: 40 + i,
      stones: 2,
      value_cents: 12000 + i * 100,
      mineral: 'diamond',
    });
  }
  return docs;
}

// ---- replication, retried as an app would ------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function replicateUntilDone(from, to) {
  const start = Date.now();
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const result = await PouchDB.replicate(from, to);
      if (result.ok !== false && (!result.errors || result.errors.length === 0)) {
        return { attempts, result };
      }
      throw new Error(JSON.stringify(result.errors));
    } catch (e) {
      if (Date.now() - start > LIMIT_MS) throw new Error(`gave up after ${attempts} attempts: ${e.message}`);
      process.stderr.write(`field.mjs: attempt ${attempts} failed (${e.message}); retrying\n`);
      await sleep(1000 + Math.random() * 1000);
    }
  }
}

async function main() {
  if (args.front) await startFront(args.front, args.url);
  const remoteVia = new PouchDB(`${args.via}/${args.db}`, { fetch: fetchWith(args.gzip) });
  const direct = new PouchDB(`${args.url}/${args.db}`);
  const local = new PouchDB(`local-${args.db}`, { adapter: 'memory' });
  await direct.info(); // creates the database on the server, off the link
  let written = 0;
  let read = 0;
  let start;
  let attempts;
  const ready = () => {
    process.stdout.write('ready\n');
    start = process.hrtime.bigint();
  };
  switch (args.scenario) {
    case 'week':
    case 'outage': {
      await local.bulkDocs(week('Ama Owusu', args.db));
      ready();
      ({ attempts } = await replicateUntilDone(local, remoteVia));
      break;
    }
    case 'lost-ack': {
      await local.bulkDocs(week('Yaw Darko', args.db));
      loseNextBulkAnswer = true;
      await PouchDB.replicate(local, remoteVia).then(
        () => die('the answer was not lost'),
        () => {},
      );
      ready();
      ({ attempts } = await replicateUntilDone(local, remoteVia));
      break;
    }
    case 'first': {
      // A region of 2,000 records on the server (five weeks), loaded off the link.
      const info = await direct.info();
      if (info.doc_count < 2000) {
        for (let n = 0; n < 5; n++) await direct.bulkDocs(week(`Loader ${n}`, args.db));
      }
      ready();
      ({ attempts } = await replicateUntilDone(remoteVia, local));
      break;
    }
    default:
      die(`unknown scenario ${args.scenario}`);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (args.scenario === 'first') {
    read = (await local.info()).doc_count;
    if (read !== 2000) die(`the first sync brought ${read} documents of 2000`);
  } else {
    written = (await direct.info()).doc_count;
    if (written !== 400) die(`the server holds ${written} documents of 400`);
  }
  process.stdout.write(JSON.stringify({ seconds, attempts, docs_written: written, docs_read: read }) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => die(e.stack || e.message),
);
