//! The field app's words: every message the app names exists in English and French, each
//! language has no message the other lacks (but the French rules, which English reads in
//! the protocol core's own words), and `{placeholders}` agree.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

globalThis.localStorage = { store: {}, getItem(k) { return this.store[k] ?? null; }, setItem(k, v) { this.store[k] = v; } };
globalThis.navigator ??= { language: 'en' };

const { choose, has, t } = await import('../js/i18n.js');
const { FORMS } = await import('../js/forms.js');
const { COLLECTIONS } = await import('../js/records.js');

function ids(lang) {
  choose(lang);
  const text = readFileSync(new URL('../js/i18n.js', import.meta.url), 'utf8');
  const block = text.slice(text.indexOf(`  ${lang}: {`));
  const end = block.indexOf('\n  },');
  return [...block.slice(0, end).matchAll(/^ {4}'([^']+)':/gm)].map((m) => m[1]);
}

test('English and French hold the same messages with the same placeholders', () => {
  const en = ids('en');
  const fr = ids('fr');
  assert.equal(new Set(en).size, en.length, 'an English message twice');
  assert.equal(new Set(fr).size, fr.length, 'a French message twice');
  assert.deepEqual(fr.filter((id) => !id.startsWith('rule-') && !en.includes(id)), []);
  assert.deepEqual(en.filter((id) => !fr.includes(id)), []);
  for (const id of en) {
    choose('en');
    const e = t(id).match(/\{\w+\}/g) ?? [];
    choose('fr');
    const f = t(id).match(/\{\w+\}/g) ?? [];
    assert.deepEqual([...f].sort(), [...e].sort(), id);
  }
});

test('every message the app names exists', () => {
  const dir = new URL('../js/', import.meta.url);
  const named = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const m of text.matchAll(/\bt\('([a-z0-9.-]+)'/g)) named.add(m[1]);
    // A message with plural forms: both.
    for (const m of text.matchAll(/\btp\('([a-z0-9.-]+)'/g)) for (const f of ['one', 'other']) named.add(`${m[1]}-${f}`);
  }
  // Built from values: field labels, collections, and the words of each enum.
  for (const [, fields] of Object.entries(FORMS)) for (const f of fields) named.add(`f-${f.name}`);
  for (const c of COLLECTIONS) for (const p of ['c', 'one', 'new']) named.add(`${p}-${c}`);
  for (const v of ['female', 'male', 'unspecified']) named.add(`sex-${v}`);
  for (const v of ['diamond', 'gold']) named.add(`mineral-${v}`);
  for (const v of ['artisanal_permit', 'claim', 'cooperative', 'buyer', 'exporter']) named.add(`kind-${v}`);
  for (const v of ['active', 'suspended', 'revoked']) named.add(`status-${v}`);
  for (const v of ['7102.10', '7102.21', '7102.31']) named.add(`hs-${v}`);
  for (const v of ['open', 'resolved', 'closed']) named.add(`flag-state-${v}`);
  for (const v of ['raised', 'updated', 'closed', 'reopened', 'resolved']) named.add(`flag-event-${v}`);
  for (const v of ['miner_photo', 'identity_document', 'licence_document', 'parcel_photo']) {
    named.add(`photo-take-${v}`);
    named.add(`photo-kind-${v}`);
  }
  for (const lang of ['en', 'fr']) {
    choose(lang);
    const missing = [...named].filter((id) => !has(id));
    assert.deepEqual(missing, [], `${lang} lacks messages`);
  }
});

test('the protocol core\'s refusals read in French by their rule', async () => {
  const { decodeJson, types } = await import('../js/protocol/index.js');
  choose('fr');
  const words = [];
  for (const [schema, value] of [
    [types.PersonName, ''], [types.Phone, 'x'], [types.BirthYear, 1800], [types.Diggers, 0],
    [types.GravelLitres, 200_000_000], [types.CountryCode, 'be'], [types.Latitude, 91],
    [types.Longitude, 181], [types.AccuracyMetres, 0], [types.Carats, 2e12], [types.UsdCents, 2e13],
    [types.LicenceNumber, ''], [types.NationalId, ''], [types.KpCertificate, ''], [types.Text, ''],
    [types.StoneCount, 2e7],
  ]) {
    try {
      decodeJson(schema, value);
      assert.fail(`${schema.name} accepted ${value}`);
    } catch (e) {
      const what = /^bad ([^:]+):/.exec(e.detail)?.[1];
      assert.ok(what && has(`rule-${what}`), `no French rule for ${e.detail}`);
      words.push(t(`rule-${what}`));
    }
  }
  assert.ok(words.every((w) => !/\bbad\b/.test(w)));
});
