/**
 * @file The recording forms: for each collection, its fields as the agent fills them, and
 * how each is read into the protocol's value. Every value is checked by the protocol
 * core's own schema (the server's rules, byte for byte), and a refusal is shown beside
 * its field: in English with the core's words (the server's), in French by the rule.
 */
import { ProtocolError, decodeJson, schema, types } from './protocol/index.js';
import { NotANumber, formatCorners, formatHundredths, parseCorners, parseDegrees, parseHundredths, parseWeights, parseWhole } from './parse.js';
import { has, t } from './i18n.js';
import { el, position } from './ui.js';

/** A value the agent must correct, with the words to show beside the field. */
export class FieldError extends Error {}

/** The words for a refusal of the protocol core: the rule in the agent's language. */
function refusal(e) {
  const what = /^bad ([^:]+):/.exec(e.detail)?.[1];
  return what && has(`rule-${what}`) ? t(`rule-${what}`) : e.detail;
}

/** Checks a value with the core's schema, as the server will. */
function checked(desc, value) {
  if (value === null) {
    if (!desc.optional) throw new FieldError(t('required'));
    return null;
  }
  try {
    return decodeJson(desc.schema, value);
  } catch (e) {
    if (e instanceof ProtocolError) throw new FieldError(refusal(e));
    throw e;
  }
}

function number(read) {
  try {
    return read();
  } catch (e) {
    if (e instanceof NotANumber) throw new FieldError(t('not-a-number'));
    throw e;
  }
}

function labelled(desc, control) {
  const words = [t(`f-${desc.name}`), desc.optional ? ` ${t('optional')}` : ''].join('');
  return el('label', { 'data-field': desc.name }, el('span', {}, words), control);
}

const textKind = (desc, initial) => {
  const input = el('input', { name: desc.name, value: initial ?? '', autocomplete: 'off', ...(desc.attrs ?? {}) });
  return {
    node: labelled(desc, input),
    read: () => {
      let v = input.value.trim();
      if (desc.upper) v = v.toUpperCase();
      return v === '' ? null : v;
    },
  };
};

const wholeKind = (desc, initial) => {
  const input = el('input', { name: desc.name, inputmode: 'numeric', value: initial ?? '', autocomplete: 'off' });
  return { node: labelled(desc, input), read: () => (input.value.trim() === '' ? null : number(() => parseWhole(input.value))) };
};

const hundredthsKind = (desc, initial) => {
  const input = el('input', { name: desc.name, inputmode: 'decimal', value: initial == null ? '' : formatHundredths(initial), autocomplete: 'off' });
  return { node: labelled(desc, input), read: () => (input.value.trim() === '' ? null : number(() => parseHundredths(input.value))) };
};

const dateKind = (desc, initial, ctx) => {
  const input = el('input', { name: desc.name, type: 'date', value: initial ?? (desc.today ? ctx.today : '') });
  return { node: labelled(desc, input), read: () => input.value || null };
};

function selectControl(name, options, initial, optional) {
  const select = el('select', { name },
    optional ? el('option', { value: '' }, t('none-option')) : null,
    options.map(([v, label]) => el('option', { value: v, selected: v === initial }, label)));
  return select;
}

const selectKind = (desc, initial, ctx) => {
  const select = selectControl(desc.name, desc.options(ctx), initial, desc.optional);
  return { node: labelled(desc, select), read: () => select.value || null };
};

/**
 * A button that asks the phone's GPS and hands the fix to `use`, which says what to show
 * beside it; a refusal or no GPS is said there too.
 * @returns {[HTMLElement, HTMLElement]} the button and its status line
 */
function gpsButton(name, words, use) {
  const status = el('span', { class: 'note', role: 'status' });
  const button = el('button', {
    type: 'button', class: 'secondary', 'data-gps': name,
    onclick: async () => {
      status.textContent = t('gps-waiting');
      try {
        status.textContent = use(await position());
      } catch (e) {
        status.textContent = e.message === 'no-gps' ? t('gps-none') : t('gps-failed', { message: e.message });
      }
    },
  }, words);
  return [button, status];
}

/** A GPS fix: the phone's position with its accuracy, or typed. */
const fixKind = (desc, initial) => {
  const lat = el('input', { name: `${desc.name}-lat`, inputmode: 'decimal', value: initial?.point.lat ?? '' });
  const lon = el('input', { name: `${desc.name}-lon`, inputmode: 'decimal', value: initial?.point.lon ?? '' });
  const acc = el('input', { name: `${desc.name}-accuracy`, inputmode: 'numeric', value: initial?.accuracy ?? '' });
  const [button, status] = gpsButton(desc.name, t('gps'), (fix) => {
    lat.value = String(fix.point.lat);
    lon.value = String(fix.point.lon);
    acc.value = String(fix.accuracy);
    return `±${fix.accuracy} m`;
  });
  const node = el('fieldset', { 'data-field': desc.name },
    el('legend', {}, t(`f-${desc.name}`), desc.optional ? ` ${t('optional')}` : ''),
    button, status,
    el('div', { class: 'row' },
      el('label', {}, t('lat'), lat), el('label', {}, t('lon'), lon), el('label', {}, t('accuracy'), acc)));
  return {
    node,
    read: () => {
      if ([lat, lon, acc].every((i) => i.value.trim() === '')) return null;
      return number(() => ({
        point: { lon: parseDegrees(lon.value), lat: parseDegrees(lat.value) },
        accuracy: parseWhole(acc.value),
      }));
    },
  };
};

/** A licence's area: its corners walked with the GPS, or typed one per line. */
const cornersKind = (desc, initial) => {
  const area = el('textarea', { name: desc.name, rows: '5' }, initial ? formatCorners(initial.exterior) : '');
  const [button, status] = gpsButton(desc.name, t('add-corner'), (fix) => {
    area.value = `${area.value.trim()}\n${fix.point.lat}, ${fix.point.lon}`.trim();
    return t('corners-count', { count: area.value.split('\n').length });
  });
  return {
    node: el('fieldset', { 'data-field': desc.name },
      el('legend', {}, t(`f-${desc.name}`), ` ${t('optional')}`),
      el('p', { class: 'note' }, t('corners-note')), button, status, area),
    read: () => {
      if (area.value.trim() === '') return null;
      return { exterior: number(() => parseCorners(area.value)), holes: [] };
    },
  };
};

/** Stones: each weighed, or counted with their total weight. */
const stonesKind = (desc, initial) => {
  const counted = initial && Object.hasOwn(initial, 'counted');
  const weighedRadio = el('input', { type: 'radio', name: `${desc.name}-mode`, value: 'weighed', checked: !counted });
  const countedRadio = el('input', { type: 'radio', name: `${desc.name}-mode`, value: 'counted', checked: counted });
  const weights = el('input', { name: `${desc.name}-weights`, inputmode: 'decimal', value: initial?.weighed ? initial.weighed.map(formatHundredths).join(' ') : '' });
  const count = el('input', { name: `${desc.name}-count`, inputmode: 'numeric', value: counted ? initial.counted.count : '' });
  const total = el('input', { name: `${desc.name}-total`, inputmode: 'decimal', value: counted ? formatHundredths(initial.counted.total) : '' });
  return {
    node: el('fieldset', { 'data-field': desc.name },
      el('legend', {}, t(`f-${desc.name}`)),
      el('label', { class: 'choice' }, weighedRadio, t('f-stones-weighed')),
      el('label', {}, t('f-weights'), weights),
      el('label', { class: 'choice' }, countedRadio, t('f-stones-counted')),
      el('div', { class: 'row' }, el('label', {}, t('f-count'), count), el('label', {}, t('f-total'), total))),
    read: () => number(() => (countedRadio.checked
      ? { counted: { count: parseWhole(count.value), total: parseHundredths(total.value) } }
      : { weighed: parseWeights(weights.value) })),
  };
};

/** A licence's holder: a registered miner, or an organisation by name. */
const holderKind = (desc, initial, ctx) => {
  const org = initial && Object.hasOwn(initial, 'organisation');
  const minerRadio = el('input', { type: 'radio', name: 'holder-mode', value: 'miner', checked: !org });
  const orgRadio = el('input', { type: 'radio', name: 'holder-mode', value: 'organisation', checked: org });
  const miner = selectControl('holder-miner', ctx.miners, initial?.miner, true);
  const name = el('input', { name: 'holder-organisation', value: org ? initial.organisation : '' });
  return {
    node: el('fieldset', { 'data-field': desc.name },
      el('legend', {}, t('f-holder')),
      el('label', { class: 'choice' }, minerRadio, t('f-holder-miner')), miner,
      el('label', { class: 'choice' }, orgRadio, t('f-holder-organisation')), el('label', {}, t('f-organisation'), name)),
    read: () => {
      if (orgRadio.checked) return name.value.trim() === '' ? null : { organisation: name.value.trim() };
      return miner.value ? { miner: miner.value } : null;
    },
  };
};

/** A sale's seller: a miner, or a licence (a buyer selling on). */
const sellerKind = (desc, initial, ctx) => {
  const [kind] = initial ? Object.keys(initial) : [];
  const select = el('select', { name: desc.name },
    el('option', { value: '' }, t('none-option')),
    el('optgroup', { label: t('c-miner') }, ctx.miners.map(([v, l]) => el('option', { value: `miner:${v}`, selected: kind === 'miner' && initial.miner === v }, l))),
    el('optgroup', { label: t('c-licence') }, ctx.licences.map(([v, l]) => el('option', { value: `licence:${v}`, selected: kind === 'licence' && initial.licence === v }, l))));
  return {
    node: labelled(desc, select),
    read: () => {
      if (!select.value) return null;
      const [k, id] = select.value.split(':');
      return { [k]: id };
    },
  };
};

/** An export's parcel: the weight of each stone. */
const parcelKind = (desc, initial) => {
  const input = el('input', { name: desc.name, inputmode: 'decimal', value: initial?.stones ? initial.stones.map(formatHundredths).join(' ') : '' });
  return { node: labelled(desc, input), read: () => number(() => ({ stones: parseWeights(input.value) })) };
};

const KINDS = {
  text: textKind,
  whole: wholeKind,
  hundredths: hundredthsKind,
  date: dateKind,
  select: selectKind,
  fix: fixKind,
  corners: cornersKind,
  stones: stonesKind,
  holder: holderKind,
  seller: sellerKind,
  parcel: parcelKind,
};

const words = (prefix, values) => () => values.map((v) => [v, t(`${prefix}-${v}`)]);
const SEX = words('sex', ['female', 'male', 'unspecified']);
const MINERAL = words('mineral', ['diamond', 'gold']);
const KIND = words('kind', ['artisanal_permit', 'claim', 'cooperative', 'buyer', 'exporter']);
const STATUS = words('status', ['active', 'suspended', 'revoked']);
const HS = words('hs', ['7102.10', '7102.21', '7102.31']);

/**
 * Each collection's fields, in the order the agent fills them. `region` is not a field of
 * a record: it chooses where a new licence is filed.
 */
export const FORMS = {
  miner: [
    { name: 'names', kind: 'text', schema: types.PersonName },
    { name: 'sex', kind: 'select', schema: types.Sex, options: SEX },
    { name: 'birth_year', kind: 'whole', schema: types.BirthYear },
    { name: 'home_region', kind: 'select', schema: schema.uuid, options: (ctx) => ctx.regions },
    { name: 'national_id', kind: 'text', schema: types.NationalId, optional: true },
    { name: 'phone', kind: 'text', schema: types.Phone, optional: true, attrs: { inputmode: 'tel' } },
    { name: 'cooperative', kind: 'text', schema: types.Text, optional: true },
    { name: 'registered_at', kind: 'fix', schema: types.GeoFix, optional: true },
  ],
  licence: [
    { name: 'number', kind: 'text', schema: types.LicenceNumber },
    { name: 'kind', kind: 'select', schema: types.LicenceKind, options: KIND },
    { name: 'holder', kind: 'holder', schema: types.Holder },
    { name: 'mineral', kind: 'select', schema: types.Mineral, options: MINERAL },
    { name: 'issued', kind: 'date', schema: types.Day, today: true },
    { name: 'expires', kind: 'date', schema: types.Day },
    { name: 'status', kind: 'select', schema: types.LicenceStatus, options: STATUS },
    { name: 'area', kind: 'corners', schema: types.Polygon, optional: true },
    { name: 'region', kind: 'select', schema: schema.uuid, options: (ctx) => ctx.regions, newOnly: true },
  ],
  production: [
    { name: 'licence', kind: 'select', schema: schema.uuid, options: (ctx) => ctx.licences },
    { name: 'miner', kind: 'select', schema: schema.uuid, optional: true, options: (ctx) => ctx.miners },
    { name: 'date', kind: 'date', schema: types.Day, today: true },
    { name: 'fix', kind: 'fix', schema: types.GeoFix },
    { name: 'diggers', kind: 'whole', schema: types.Diggers },
    { name: 'gravel', kind: 'whole', schema: types.GravelLitres },
    { name: 'stones', kind: 'stones', schema: types.Stones },
    { name: 'mineral', kind: 'select', schema: types.Mineral, options: MINERAL },
  ],
  sale: [
    { name: 'seller', kind: 'seller', schema: types.Seller },
    { name: 'buyer', kind: 'select', schema: schema.uuid, options: (ctx) => ctx.buyers },
    { name: 'date', kind: 'date', schema: types.Day, today: true },
    { name: 'carats', kind: 'hundredths', schema: types.Carats },
    { name: 'stones', kind: 'whole', schema: types.StoneCount },
    { name: 'value', kind: 'hundredths', schema: types.UsdCents },
    { name: 'mineral', kind: 'select', schema: types.Mineral, options: MINERAL },
  ],
  export: [
    { name: 'exporter', kind: 'select', schema: schema.uuid, options: (ctx) => ctx.exporters },
    { name: 'certificate', kind: 'text', schema: types.KpCertificate },
    { name: 'date', kind: 'date', schema: types.Day, today: true },
    { name: 'carats', kind: 'hundredths', schema: types.Carats },
    { name: 'value', kind: 'hundredths', schema: types.UsdCents },
    { name: 'hs_code', kind: 'select', schema: types.HsCode, options: HS },
    { name: 'destination', kind: 'text', schema: types.CountryCode, upper: true, attrs: { maxlength: '3', autocapitalize: 'characters' } },
    { name: 'parcel', kind: 'parcel', schema: types.Parcel },
  ],
};

/**
 * The form of a collection filled with `initial` (field name → value), and a `read()`
 * that gives every field's checked value or throws after marking the fields to correct.
 * @param {string} collection
 * @param {Record<string, unknown>} initial
 * @param {{regions: [string, string][], miners: [string, string][], licences: [string, string][], buyers: [string, string][], exporters: [string, string][], today: string}} ctx
 * @param {boolean} isNew
 */
export function buildForm(collection, initial, ctx, isNew) {
  const fields = FORMS[collection]
    .filter((d) => isNew || !d.newOnly)
    .map((d) => {
      const built = KINDS[d.kind](d, initial[d.name], ctx);
      const error = el('span', { class: 'error', 'data-error': d.name, role: 'alert' });
      built.node.append(error);
      return { d, built, error };
    });
  return {
    nodes: fields.map((f) => f.built.node),
    read() {
      const values = {};
      let wrong = 0;
      for (const { d, built, error } of fields) {
        error.textContent = '';
        try {
          values[d.name] = checked(d, built.read());
        } catch (e) {
          if (!(e instanceof FieldError)) throw e;
          error.textContent = e.message;
          wrong += 1;
        }
      }
      if (wrong > 0) throw new FieldError(t('fix-errors'));
      return values;
    },
  };
}
