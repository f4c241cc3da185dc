//! The field app's pure logic: what an agent types read into the protocol's units, and
//! the ops a registration, an edit, a correction and a void write, merged as the server
//! merges them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { NotANumber, formatCorners, formatHundredths, parseCorners, parseHundredths, parseWeights, parseWhole } from '../js/parse.js';
import { editSets, factSets, onRegistry, registrationSets, regionForEdit, servedRegions, view, voidSets } from '../js/records.js';
import { applyOp, decodeJson, encodeMessage, mergeRecords, types } from '../js/protocol/index.js';

const DEVICE_A = '01920000-0000-7000-8000-00000000000a';
const DEVICE_B = '01920000-0000-7000-8000-00000000000b';
const REGION = '01920000-0000-7000-8000-000000000a01';
const OTHER = '01920000-0000-7000-8000-000000000a02';
const MINER = '019acabe-23d0-7a5c-8b1e-3f2a6c9d0e11';

test('numbers as agents type them', () => {
  assert.equal(parseHundredths('1.25'), 125);
  assert.equal(parseHundredths('1,25'), 125);
  assert.equal(parseHundredths('1 234,5'), 123450);
  assert.equal(parseHundredths('7'), 700);
  assert.throws(() => parseHundredths('1.255'), NotANumber);
  assert.throws(() => parseHundredths('-1'), NotANumber);
  assert.throws(() => parseHundredths('abc'), NotANumber);
  assert.equal(parseWhole('12 000'), 12000);
  assert.throws(() => parseWhole('1.5'), NotANumber);
  assert.deepEqual(parseWeights('0.25 1,10;0.4'), [25, 110, 40]);
  assert.deepEqual(parseWeights('  '), []);
  assert.equal(formatHundredths(125), '1.25');
  assert.equal(formatHundredths(5), '0.05');
});

test('corners close into a ring the core accepts, and read back as typed', () => {
  const ring = parseCorners('6.1, -1.2\n6.1, -1.1\n6.2; -1,1\n6.2 -1.2\n');
  assert.equal(ring.length, 5);
  assert.deepEqual(ring[0], ring[4]);
  assert.deepEqual(ring[2], { lat: 6.2, lon: -1.1 });
  decodeJson(types.Polygon, { exterior: ring, holes: [] });
  assert.equal(formatCorners(ring), '6.1, -1.2\n6.1, -1.1\n6.2, -1.1\n6.2, -1.2');
  // Already closed: not closed twice.
  assert.equal(parseCorners('0,0\n0,1\n1,1\n0,0').length, 4);
  assert.throws(() => parseCorners('6.1'), NotANumber);
  // Two corners make no area: the core refuses it with the server's words.
  assert.throws(() => decodeJson(types.Polygon, { exterior: parseCorners('0,0\n0,1'), holes: [] }), /ring/);
});

function registered() {
  const values = {
    names: 'Ama Mensah', sex: 'female', birth_year: 1990, home_region: REGION,
    registered_on: '2026-12-01', registered_by: 'agent-07', national_id: null, phone: '+233 20 000 0000',
  };
  const sets = registrationSets('miner', values);
  const record = { miner: { fields: {} } };
  applyOp(record, { record: MINER, stamp: '2026-12-01T10:00:00Z+0', region: REGION, body: { miner: sets } }, DEVICE_A, '2026-12-01T10:00:00Z+0');
  return record;
}

test('a registration sets every field, optional ones empty, and signs as the server reads it', () => {
  const sets = registrationSets('miner', { names: 'Ama' });
  assert.equal(sets.length, 10);
  assert.ok(sets.every((s) => s.base === null));
  assert.deepEqual(sets.find((s) => 'cooperative' in s.value).value, { cooperative: null });
  const v = view('miner', registered().miner);
  assert.ok(onRegistry(registered().miner), 'every write has its effective stamp');
  assert.equal(v.fields.names, 'Ama Mensah');
  assert.equal(v.region, REGION);
  assert.equal(v.void, null);
  assert.deepEqual(v.conflicts, []);
});

test('an edit sets only what changed, over the value seen; nothing changed is no op', () => {
  const seen = view('miner', registered().miner);
  assert.deepEqual(editSets(seen, { ...seen.fields }), []);
  const sets = editSets(seen, { ...seen.fields, phone: '+233 24 111 1111', cooperative: null });
  assert.equal(sets.length, 1);
  assert.deepEqual(sets[0].value, { phone: '+233 24 111 1111' });
  assert.deepEqual(sets[0].base, seen.bases.phone);
});

test('two phones editing one field from the same copy leave a conflict; an informed overwrite does not', () => {
  const a = registered();
  const b = structuredClone(a);
  const seen = view('miner', a.miner);
  applyOp(a, { record: MINER, stamp: '2026-12-02T10:00:00Z+0', region: REGION, body: { miner: editSets(seen, { names: 'Ama K. Mensah' }) } }, DEVICE_A, null);
  applyOp(b, { record: MINER, stamp: '2026-12-02T11:00:00Z+0', region: REGION, body: { miner: editSets(seen, { names: 'Amma Mensah' }) } }, DEVICE_B, null);
  mergeRecords(a, structuredClone(b));
  mergeRecords(b, structuredClone(a));
  const va = view('miner', a.miner);
  assert.deepEqual(va, view('miner', b.miner));
  assert.equal(va.fields.names, 'Amma Mensah');
  assert.equal(va.conflicts.length, 1);
  assert.equal(va.conflicts[0].field, 'names');
  // The agent who sees the conflict and writes over the winner clears it for the winner,
  // and the loser stays recorded.
  applyOp(a, { record: MINER, stamp: '2026-12-02T12:00:00Z+0', region: REGION, body: { miner: editSets(va, { names: 'Ama Mensah' }) } }, DEVICE_A, null);
  assert.equal(view('miner', a.miner).fields.names, 'Ama Mensah');
});

test('a fact is written whole; a correction names the body it replaces; a void its reason', () => {
  const body = {
    licence: OTHER, miner: MINER, date: '2026-12-01', fix: { point: { lon: -1.1, lat: 6.1 }, accuracy: 8 },
    diggers: 4, gravel: 1500, stones: { weighed: [25, 110] }, mineral: 'diamond',
  };
  decodeJson(types.Production, body);
  const record = { production: { fields: {} } };
  const first = factSets(null, body);
  assert.deepEqual(first, [{ value: { body }, base: null }]);
  applyOp(record, { record: MINER, stamp: '2026-12-01T10:00:00Z+0', region: REGION, body: { production: first } }, DEVICE_A, null);
  const seen = view('production', record.production);
  assert.ok(!onRegistry(record.production), 'a write not yet acknowledged');
  assert.deepEqual(seen.body, body);
  assert.deepEqual(factSets(seen, structuredClone(body)), []);
  const corrected = factSets(seen, { ...body, diggers: 5 });
  assert.deepEqual(corrected[0].base, seen.bases.body);
  const voided = voidSets(seen, 'recorded twice');
  assert.deepEqual(voided, [{ value: { void: 'recorded twice' }, base: null }]);
  applyOp(record, { record: MINER, stamp: '2026-12-01T11:00:00Z+0', region: REGION, body: { production: voided } }, DEVICE_A, null);
  assert.equal(view('production', record.production).void, 'recorded twice');
  // What the phone signs encodes as a batch the server reads.
  encodeMessage(types.Batch, {
    device: DEVICE_A, seq: 1, prev: '0'.repeat(64), sealed_at: '2026-12-01T12:00:00Z+0',
    ops: [{ record: MINER, stamp: '2026-12-01T11:30:00Z+0', region: REGION, body: { production: corrected } }],
  });
});

test('served regions reach every region below; an edit is filed where the server files the record when served', () => {
  const district = '01920000-0000-7000-8000-000000000d01';
  const elsewhere = '01920000-0000-7000-8000-000000000d02';
  const served = servedRegions([REGION], [
    { id: district, parent: REGION },
    { id: elsewhere, parent: OTHER },
    { id: REGION, parent: null },
  ]);
  assert.deepEqual([...served].sort(), [REGION, district].sort());
  const state = registered().miner;
  assert.equal(regionForEdit({ filed: district, state }, served), district);
  assert.equal(regionForEdit({ filed: elsewhere, state }, served), REGION);
  assert.equal(regionForEdit({ filed: elsewhere, state }, new Set([OTHER])), null);
});
