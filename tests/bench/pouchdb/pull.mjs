#!/usr/bin/env node
// First-sync pull for the PouchDB Server peer of Placer's pull benchmark.
//
//   node pull.mjs --url http://127.0.0.1:PORT --docs 200000 --page 5000
//
// Recreates database `pull`, loads `docs` production documents through _bulk_docs (not
// timed), then times what a fresh replica does on its first sync: GET
// /pull/_changes?include_docs=true&limit=PAGE&since=SEQ until a page comes back short.
// Prints one JSON line on stdout. Only loopback targets are accepted.

import http from 'node:http';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    docs: { type: 'string', default: '200000' },
    page: { type: 'string', default: '5000' },
  },
  strict: true,
});
if (!args.url) {
  process.stderr.write('usage: node pull.mjs --url http://127.0.0.1:PORT --docs N --page N\n');
  process.exit(2);
}
const base = new URL(args.url);
if (!/^127\.\d+\.\d+\.\d+$/.test(base.hostname) && base.hostname !== 'localhost') {
  process.stderr.write('refusing a non-loopback target\n');
  process.exit(2);
}
const total = Number(args.docs);
const pageSize = Number(args.page);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function request(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
        timeout: 300000,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode, bytes: buf.length, body: buf.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    if (body) req.write(body);
    req.end();
  });
}

// The same production documents as the push benchmark's peer load.
const rnd = (lo, hi) => lo + Math.random() * (hi - lo);
const rndInt = (lo, hi) => Math.floor(rnd(lo, hi + 1));
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
function productionDoc() {
  const stones = [];
  for (let i = rndInt(0, 6); i > 0; i--) stones.push(rndInt(1, 500));
  return {
    _id: crypto.randomUUID(),
    type: 'production',
    licence: crypto.randomUUID(),
    miner: crypto.randomUUID(),
    region: crypto.randomUUID(),
    date: `2026-03-${String(rndInt(1, 28)).padStart(2, '0')}`,
    fix: { lat: round(rnd(4.7, 11.2), 5), lon: round(rnd(-3.3, 1.2), 5), accuracy_m: rndInt(3, 30) },
    diggers: rndInt(1, 20),
    gravel_litres: rndInt(100, 10000),
    stones_hundredths_ct: stones,
    mineral: 'diamond',
  };
}

async function main() {
  await request('DELETE', '/pull');
  const put = await request('PUT', '/pull');
  if (put.status !== 201) throw new Error(`PUT /pull: HTTP ${put.status}`);
  for (let loaded = 0; loaded < total; ) {
    const n = Math.min(2000, total - loaded);
    const docs = Array.from({ length: n }, productionDoc);
    const res = await request('POST', '/pull/_bulk_docs', Buffer.from(JSON.stringify({ docs })));
    if (res.status !== 201) throw new Error(`_bulk_docs: HTTP ${res.status}`);
    loaded += n;
  }
  let since = 0;
  let received = 0;
  let bytes = 0;
  let pages = 0;
  const start = process.hrtime.bigint();
  for (;;) {
    const res = await request('GET', `/pull/_changes?include_docs=true&limit=${pageSize}&since=${since}`);
    if (res.status !== 200) throw new Error(`_changes: HTTP ${res.status}`);
    const page = JSON.parse(res.body);
    pages += 1;
    bytes += res.bytes;
    received += page.results.filter((r) => r.doc).length;
    since = page.last_seq;
    if (page.results.length < pageSize) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (received !== total) throw new Error(`pulled ${received} documents of ${total}`);
  process.stdout.write(
    JSON.stringify({ docs: received, pages, seconds, bytes, docs_per_s: received / seconds }) + '\n',
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`pull.mjs: ${e.message}\n`);
    process.exit(1);
  },
);
