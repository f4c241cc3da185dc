/**
 * @file What the phone's records read as, and the ops that change them: pure functions
 * over the protocol's merge states, apart from storage so that node tests them.
 *
 * A registry record (miner, licence) is written field by field: a registration sets every
 * field with no base, an edit only the fields changed, each naming the write it replaces
 * (the field's current winner), so that an edit made on a stale copy shows as a conflict
 * and an informed overwrite does not. A fact (production, sale, export) is written whole:
 * a correction sets `body` again over the current body.
 */
import { conflicts, latestWrite, valuesEqual, winners } from './protocol/index.js';

export const REGISTRY = ['miner', 'licence'];
export const FACTS = ['production', 'sale', 'export'];
export const COLLECTIONS = [...REGISTRY, ...FACTS];

/** The fields a miner's registration sets, in the order PROTOCOL.md lists them. */
export const MINER_FIELDS = [
  'names', 'sex', 'birth_year', 'home_region', 'registered_on', 'registered_by',
  'national_id', 'phone', 'cooperative', 'registered_at',
];
export const LICENCE_FIELDS = ['number', 'kind', 'holder', 'mineral', 'issued', 'expires', 'status', 'area'];
export const FIELDS_OF = { miner: MINER_FIELDS, licence: LICENCE_FIELDS };

/**
 * The content of a field's value: `{"names": "Ama"}` reads `"Ama"`; a sealed value the
 * phone cannot open reads `{sealed: field}`, an erased one `{erased: field}`.
 * @param {Record<string, unknown>} value a field enum value
 */
export function content(value) {
  const [key] = Object.keys(value);
  if (key === 'sealed') return { sealed: value.sealed.field };
  if (key === 'erased') return { erased: value.erased };
  return value[key];
}

/**
 * Whether the registry holds every write of a record this phone made: each has the
 * effective stamp the registry's acknowledgement fixed (a write of the phone's own not yet
 * acknowledged has none).
 * @param {{fields: Record<string, {writes: {effective: string|null}[]}>}} state
 */
export function onRegistry(state) {
  return Object.values(state.fields).every((h) => h.writes.every((w) => w.effective !== null));
}

/**
 * What a person reads of a record: each field's winning content and the write that won
 * it (an edit's base), whether it is void and why, and its conflicts.
 * @param {string} collection
 * @param {{fields: Record<string, any>}} state
 */
export function view(collection, state) {
  const won = winners(state);
  const fields = {};
  const bases = {};
  for (const [name, w] of Object.entries(won)) {
    if (name === 'void') continue;
    fields[name] = content(w.value);
    bases[name] = w.id;
  }
  const latest = latestWrite(state);
  return {
    collection,
    fields,
    bases,
    void: won.void ? content(won.void.value) : null,
    voidBase: won.void ? won.void.id : null,
    conflicts: conflicts(state),
    region: latest ? latest.region : null,
    // The body of a fact, for forms and lists.
    body: FACTS.includes(collection) ? fields.body ?? null : null,
  };
}

/**
 * The sets of a registration: every field, optional ones as `null`, none with a base.
 * @param {string} collection `miner` or `licence`
 * @param {Record<string, unknown>} values by field name
 */
export function registrationSets(collection, values) {
  return FIELDS_OF[collection].map((f) => ({ value: { [f]: values[f] ?? null }, base: null }));
}

/**
 * The sets of an edit: only the fields whose value changed, each over the write the
 * agent saw. An edit that changes nothing is no op (`[]`): the server refuses an op that
 * sets no field.
 * @param {ReturnType<typeof view>} seen the record as the form showed it
 * @param {Record<string, unknown>} values by field name
 */
export function editSets(seen, values) {
  const sets = [];
  for (const f of FIELDS_OF[seen.collection]) {
    if (!(f in values)) continue;
    const before = Object.hasOwn(seen.fields, f) ? seen.fields[f] : undefined;
    const after = values[f] ?? null;
    if (before !== undefined && valuesEqual(before, after)) continue;
    if (before === undefined && after === null) continue;
    sets.push({ value: { [f]: after }, base: seen.bases[f] ?? null });
  }
  return sets;
}

/**
 * The set of a fact recorded or corrected: a new body over the current one (none for a
 * new fact); a correction equal to the current body is no op.
 * @param {ReturnType<typeof view>|null} seen
 * @param {Record<string, unknown>} body
 */
export function factSets(seen, body) {
  if (seen && seen.body && valuesEqual(seen.body, body)) return [];
  return [{ value: { body }, base: seen ? seen.bases.body ?? null : null }];
}

/** The set that voids a record, over the void reason the agent saw, if any. */
export function voidSets(seen, reason) {
  return [{ value: { void: reason }, base: seen.voidBase }];
}

/**
 * The regions a device serves: those of its enrolment and every region below them, as
 * the pulled region records say (`parent`).
 * @param {string[]} enrolled
 * @param {{id: string, parent: string|null}[]} regions
 */
export function servedRegions(enrolled, regions) {
  const served = new Set(enrolled);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of regions) {
      if (!served.has(r.id) && r.parent !== null && served.has(r.parent)) {
        served.add(r.id);
        grew = true;
      }
    }
  }
  return served;
}

/**
 * Where the device files an edit of a record (PROTOCOL.md, "Placement"): where the
 * server files it when the device serves that region, else the region of the record's
 * latest write when served, else any served region some write names; `null` when none
 * is served (the phone must not write it).
 * @param {{filed: string|null, state: {fields: Record<string, any>}}} held
 * @param {Set<string>} served
 */
export function regionForEdit(held, served) {
  if (held.filed && served.has(held.filed)) return held.filed;
  const latest = latestWrite(held.state);
  if (latest && served.has(latest.region)) return latest.region;
  for (const h of Object.values(held.state.fields)) {
    for (const w of h.writes) if (served.has(w.region)) return w.region;
  }
  return null;
}
