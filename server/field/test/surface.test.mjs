//! That the protocol core can be served as it is to a browser, with no build step: every
//! module imports only other modules of the core, by relative paths ending in `.js`, and
//! names nothing of Node (`node:` modules, `require`, `process`, `Buffer`); every module is
//! reachable from `index.js`, which loads and exports the surface the app uses.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../js/protocol/', import.meta.url));

/** @param {string} dir @returns {string[]} */
function modules(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** @param {string} source */
function imports(source) {
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

test('every module is plain browser JavaScript importing only the core', () => {
  for (const path of modules(root)) {
    const name = relative(root, path);
    const source = readFileSync(path, 'utf8');
    for (const spec of imports(source)) {
      assert.match(spec, /^\.\.?\/.*\.js$/, `${name} imports ${spec}: only relative .js paths are served`);
      assert.ok(resolve(dirname(path), spec).startsWith(root), `${name} imports ${spec}, outside the core`);
    }
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const word of [/\brequire\s*\(/, /\bprocess\./, /\bBuffer\b/, /['"]node:/]) {
      assert.doesNotMatch(code, word, `${name} uses ${word}: not in a browser`);
    }
  }
});

test('every module is reachable from index.js', () => {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const spec of imports(readFileSync(path, 'utf8'))) visit(resolve(dirname(path), spec));
  };
  visit(join(root, 'index.js'));
  for (const path of modules(root)) assert.ok(seen.has(path), `${relative(root, path)} is not reachable from index.js`);
});

test('index.js loads and exports the surface the app uses', async () => {
  const core = await import('../js/protocol/index.js');
  for (const name of [
    'Clock',
    'encodeMessage',
    'decodeMessage',
    'encodeJson',
    'decodeJson',
    'decodePage',
    'decodeJsonPage',
    'applyOp',
    'mergeRecords',
    'compactRecord',
    'conflicts',
    'seal',
    'generateDeviceKey',
    'sealForSigning',
    'effectiveStamp',
    'ProtocolError',
  ]) {
    assert.ok(core[name] !== undefined, `index.js does not export ${name}`);
  }
  assert.ok(core.types.Batch && core.types.PullRequest && core.types.AnyRecord, 'index.js does not export the types');
});
