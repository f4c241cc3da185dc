//! The conformance vectors of `sync-protocol/vectors/`, loaded for the field app's tests,
//! and the check that every file there is one these tests read: a vector file added by
//! the reference implementation fails here until the field app is tested against it.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** `sync-protocol/vectors/`, from the repository root. */
export const VECTORS_DIR = join(here, '..', '..', '..', 'sync-protocol', 'vectors');

/** The vector files the field app's tests check, each by its own test file. */
export const VECTOR_FILES = ['clock', 'encodings', 'merge', 'personal', 'pull_pages', 'signatures'];

/**
 * One vector file, parsed. Integers of 16 digits or more (packed stamps, past 2^53, which
 * a JavaScript number would round) are read as decimal strings, to be taken exactly with
 * `BigInt`.
 * @param {string} name without `.json`
 */
export function loadVectors(name) {
  const text = readFileSync(join(VECTORS_DIR, `${name}.json`), 'utf8');
  return JSON.parse(text.replace(/(":\s*)(\d{16,})(?=\s*[,\n}])/g, '$1"$2"'));
}

/**
 * Asserts that `f` throws a protocol error with the server's `code` (and, if given, a
 * message matching `reason`, so that it is refused for the reason meant).
 * @param {() => unknown} f
 * @param {string} code
 * @param {string} what for the failure message
 * @param {RegExp} [reason]
 */
export function assertRefused(f, code, what, reason) {
  assert.throws(f, (e) => {
    assert.equal(e.name, 'ProtocolError', `${what}: expected a ProtocolError, got ${e}`);
    assert.equal(e.code, code, `${what}: expected ${code}, got ${e.code} (${e.message})`);
    if (reason) assert.match(e.message, reason, `${what}: refused for another reason`);
    return true;
  });
}

/**
 * Asserts that a promise rejects with a protocol error with the server's `code`.
 * @param {Promise<unknown>} p
 * @param {string} code
 * @param {string} what
 */
export async function assertRejected(p, code, what) {
  await assert.rejects(p, (e) => {
    assert.equal(e.code, code, `${what}: expected ${code}, got ${e.code} (${e.message})`);
    return true;
  });
}

// Registered only when this file runs as a test file itself, not in every test file that
// imports it.
const runAsTest = process.argv[1] === fileURLToPath(import.meta.url);

if (runAsTest) test('every vector file is one the field app is tested against', () => {
  const files = readdirSync(VECTORS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  assert.deepEqual(files, [...VECTOR_FILES].sort(), 'a vector file was added or removed: test the field app against it');
});
