/**
 * @file Records in words for the agent: names and licence numbers rather than ids, kinds
 * in words, carats and dollars with the language's separators.
 */
import { number, t, tp } from './i18n.js';

/**
 * The names the phone knows, to read references: `{miner: Map(id → label), licence: …,
 * region: …}`.
 * @typedef {{miner: Map<string, string>, licence: Map<string, string>, region: Map<string, string>}} Names
 */

/** Hundredths of a carat in words: `1 234,50 ct`. */
export function carats(hundredths) {
  return `${number(hundredths / 100, 2)} ct`;
}

/** US cents in words: `US$ 1,234.50`. */
export function dollars(cents) {
  return `US$ ${number(cents / 100, 2)}`;
}

function ref(names, collection, id) {
  return names[collection].get(id) ?? id.slice(0, 8);
}

/** The number of stones and their weight. */
function stones(value) {
  if (Object.hasOwn(value, 'counted')) return tp('stones-summary', value.counted.count, { count: number(value.counted.count), carats: carats(value.counted.total) });
  const total = value.weighed.reduce((a, b) => a + b, 0);
  return tp('stones-summary', value.weighed.length, { count: number(value.weighed.length), carats: carats(total) });
}

/**
 * One field's value in words.
 * @param {string} field
 * @param {unknown} value
 * @param {Names} names
 */
export function describe(field, value, names) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object' && Object.hasOwn(value, 'sealed')) return t('sealed');
  if (typeof value === 'object' && Object.hasOwn(value, 'erased')) return t('erased');
  switch (field) {
    case 'sex': return t(`sex-${value}`);
    case 'mineral': return t(`mineral-${value}`);
    case 'kind': return t(`kind-${value}`);
    case 'status': return t(`status-${value}`);
    case 'hs_code': return t(`hs-${value}`);
    case 'home_region': return ref(names, 'region', value);
    case 'licence': case 'buyer': case 'exporter': return ref(names, 'licence', value);
    case 'miner': return ref(names, 'miner', value);
    case 'holder': return value.miner ? ref(names, 'miner', value.miner) : value.organisation;
    case 'seller': return value.miner ? ref(names, 'miner', value.miner) : ref(names, 'licence', value.licence);
    case 'carats': return carats(value);
    case 'value': return dollars(value);
    case 'stones': return typeof value === 'number' ? number(value) : stones(value);
    case 'parcel': return value.stones ? stones({ weighed: value.stones }) : value.size_classes.map((c) => `${c.class}: ${number(c.count)}`).join(', ');
    case 'fix': case 'registered_at': return `${value.point.lat.toFixed(5)}, ${value.point.lon.toFixed(5)} ±${number(value.accuracy)} m`;
    case 'area': return t('corners-count', { count: value.exterior.length - 1 });
    case 'diggers': case 'gravel': case 'birth_year': return typeof value === 'number' && field !== 'birth_year' ? number(value) : String(value);
    default: return String(value);
  }
}

/**
 * A record's one-line name in lists: a miner's names, a licence's number, a fact's date
 * and what it is about.
 * @param {ReturnType<typeof import('./records.js').view>} v
 * @param {Names} names
 */
export function label(v, names) {
  const f = v.fields;
  switch (v.collection) {
    case 'miner': return describe('names', f.names ?? null, names);
    case 'licence': return f.number ?? '—';
    default: {
      const b = v.body;
      if (!b) return '—';
      if (v.collection === 'production') return `${b.date} · ${ref(names, 'licence', b.licence)} · ${stones(b.stones)}`;
      if (v.collection === 'sale') return `${b.date} · ${describe('seller', b.seller, names)} · ${carats(b.carats)} · ${dollars(b.value)}`;
      return `${b.date} · ${b.certificate} · ${carats(b.carats)}`;
    }
  }
}
