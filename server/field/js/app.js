/**
 * @file The field app's screens and their routes (`#/…`): enrolment with a one-time code
 * (typed, or from the QR code's link `…/field/#code=CODE`), home with the sync, a list per
 * collection with search, a record's page, and the forms that register, edit, correct and
 * void. Everything reads from and writes to the phone's own store; only the sync talks to
 * the registry.
 */
import { Clock, ZERO_DIGEST, generateDeviceKey } from './protocol/index.js';
import { backlog, loadDevice, loadFlags, recordsOf, saveDevice } from './store.js';
import { COLLECTIONS, FACTS, FIELDS_OF, content, editSets, onRegistry, factSets, registrationSets, regionForEdit, servedRegions, view, voidSets } from './records.js';
import { newRecordId, record } from './recorder.js';
import { sync } from './sync.js';
import { PHOTO_KINDS, addPhoto, photosOf } from './photos.js';
import { FieldError, buildForm } from './forms.js';
import { describe, label } from './describe.js';
import { LANGUAGES, choose, has, language, number, t } from './i18n.js';
import { el, show, today } from './ui.js';

let device = null;
/** What the phone holds, read once per change: views, names, served regions. */
let held = null;
let syncing = null;
let lastReport = null;

function languages() {
  const box = document.getElementById('languages');
  box.replaceChildren(...LANGUAGES.map((l) => el('button', {
    type: 'button', 'data-lang': l, 'aria-current': l === language() ? 'true' : null,
    onclick: () => { choose(l); route(); },
  }, l.toUpperCase())));
  document.documentElement.lang = language();
}

function onlineBadge() {
  document.getElementById('offline').hidden = navigator.onLine;
  document.getElementById('offline').textContent = t('offline');
}

function codeFromLink() {
  const m = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : '';
}

function enrolScreen() {
  const input = el('input', { name: 'code', id: 'code', autocomplete: 'off', required: true, value: codeFromLink() });
  const error = el('p', { class: 'error', id: 'error', role: 'alert' });
  const form = el('form', { id: 'enrol', onsubmit: (e) => { e.preventDefault(); enrol(input.value.trim(), error); } },
    el('label', {}, t('enrol-code'), input),
    el('button', { type: 'submit', class: 'primary' }, t('enrol-submit')));
  show(el('h1', {}, t('enrol-title')), el('p', { class: 'note' }, t('enrol-note')), form, error);
}

async function enrol(code, error) {
  error.textContent = t('enrol-working');
  let key;
  try {
    key = await generateDeviceKey();
  } catch {
    // This browser makes no Ed25519 keys (recent Chromium does; old WebViews do not).
    error.textContent = t('no-ed25519');
    return;
  }
  let answer;
  try {
    answer = await fetch('/v1/devices/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code, public_key: key.publicKey, label: navigator.userAgent.slice(0, 120) }),
    });
  } catch {
    error.textContent = t('no-network');
    return;
  }
  const body = await answer.json().catch(() => ({}));
  if (answer.status === 401) {
    error.textContent = t('bad-code');
    return;
  }
  if (!answer.ok) {
    error.textContent = t('failed', { message: body.message ?? answer.status });
    return;
  }
  // The clock starts having observed the server's time: a phone whose clock is behind
  // never stamps before what the registry has seen.
  const clock = new Clock();
  clock.observe(body.server_time, Date.now());
  await saveDevice({
    device: body.device,
    agent: body.agent,
    regions: body.regions,
    privateKey: key.privateKey,
    publicKey: key.publicKey,
  }, clock.last, ZERO_DIGEST);
  history.replaceState(null, '', location.pathname);
  await start();
}

/** Reads everything the phone holds into views, names and the regions it serves. */
async function load() {
  if (held) return held;
  const names = { miner: new Map(), licence: new Map(), region: new Map() };
  const regions = [];
  for (const r of await recordsOf('region')) {
    const v = view('region', r.state.region);
    regions.push({ id: r.id, name: v.fields.name, parent: v.fields.parent ?? null, level: v.fields.level });
    if (typeof v.fields.name === 'string') names.region.set(r.id, v.fields.name);
  }
  const byCollection = {};
  for (const c of COLLECTIONS) {
    byCollection[c] = (await recordsOf(c)).map((r) => {
      const v = view(c, r.state[c]);
      v.id = r.id;
      v.filed = r.filed;
      v.state = r.state[c];
      v.unsent = !onRegistry(v.state);
      return v;
    });
  }
  for (const c of ['miner', 'licence']) for (const v of byCollection[c]) names[c].set(v.id, label(v, names));
  const served = servedRegions(device.regions, regions);
  const order = { open: 0, resolved: 1, closed: 2 };
  const flags = (await loadFlags()).sort((a, b) => order[a.state] - order[b.state] || b.updated_at.localeCompare(a.updated_at));
  held = { names, regions, byCollection, served, flags };
  return held;
}

/** Forgets what was read: the next screen reads the store again. */
function changed() {
  held = null;
}

function regionName(id) {
  return held.names.region.get(id) ?? id.slice(0, 8);
}

/** The choices the forms offer: served regions, licences by kind, miners, by name. */
function formContext() {
  const live = (c) => held.byCollection[c].filter((v) => !v.void);
  const pairs = (vs) => vs.map((v) => [v.id, held.names[v.collection].get(v.id)]).sort((a, b) => a[1].localeCompare(b[1]));
  const regions = [...held.served].map((id) => [id, regionName(id)]).sort((a, b) => a[1].localeCompare(b[1]));
  const licences = live('licence');
  return {
    regions,
    miners: pairs(live('miner')),
    licences: pairs(licences),
    buyers: pairs(licences.filter((v) => v.fields.kind === 'buyer' || v.fields.kind === 'exporter')),
    exporters: pairs(licences.filter((v) => v.fields.kind === 'exporter')),
    today: today(),
  };
}

function nav() {
  return el('nav', { class: 'menu' }, COLLECTIONS.map((c) => el('a', { href: `#/list/${c}`, class: 'button', 'data-list': c },
    t(`c-${c}`), el('span', { class: 'count' }, number(held.byCollection[c].length)))));
}

async function homeScreen() {
  await load();
  const waiting = await backlog();
  const status = el('p', { id: 'sync-status', role: 'status' }, lastReport ?? '');
  const button = el('button', { type: 'button', class: 'primary', id: 'sync', onclick: () => runSync(status, button) }, t('sync-now'));
  if (syncing) {
    button.disabled = true;
    button.textContent = t('sync-running');
  }
  const named = device.regions.map(regionName).join(', ');
  show(
    el('h1', {}, t('home-title')),
    el('p', { id: 'agent' }, t('home-agent', { agent: device.agent })),
    el('p', { id: 'regions' }, held.names.region.size > 0 ? t('home-regions-named', { names: named }) : t('home-regions', { regions: device.regions.length })),
    el('p', { id: 'waiting', 'data-pending': waiting.pending, 'data-outbox': waiting.outbox }, waiting.pending + waiting.outbox + waiting.openings === 0
      ? t('nothing-waiting')
      : t('waiting', { pending: number(waiting.pending), outbox: number(waiting.outbox), openings: number(waiting.openings) })),
    button,
    status,
    held.flags.length > 0
      ? el('a', { href: '#/flags', class: 'button secondary', id: 'flags-link', 'data-open': held.flags.filter((f) => f.state === 'open').length },
        t('flags-open', { open: number(held.flags.filter((f) => f.state === 'open').length), all: number(held.flags.length) }))
      : null,
    el('p', { class: 'note', id: 'synced' }, waiting.synced ? t('synced-at', { at: waiting.synced }) : t('never-synced')),
    nav(),
    el('p', {
      class: 'note', id: 'device', 'data-device': device.device, 'data-public-key': device.publicKey,
      // The private key as IndexedDB gave it back: still not extractable.
      'data-extractable': String(device.privateKey.extractable),
    }, t('home-device', { device: device.device })),
  );
}

function bytes(n) {
  return n < 1024 ? `${number(n)} B` : `${number(n / 1024, 1)} KB`;
}

function reportWords(id, r) {
  return t(id, { batches: number(r.pushed), ops: number(r.ops), pulled: number(r.pulled), up: bytes(r.up), down: bytes(r.down) });
}

/** Runs one sync (never two at once) and tells its progress on the home screen. */
async function runSync(status, button) {
  if (syncing) return syncing;
  const say = (text) => {
    lastReport = text;
    const s = document.getElementById('sync-status') ?? status;
    if (s) s.textContent = text;
  };
  if (button) {
    button.disabled = true;
    button.textContent = t('sync-running');
  }
  syncing = (async () => {
    let outcome;
    try {
      const report = await sync(device, (r) => say(reportWords('sync-progress', r)));
      say(reportWords('sync-done', report));
      outcome = 'synced';
    } catch (e) {
      if (e.code === 'offline') say(t('sync-offline'));
      else say(t(e.fatal ? 'sync-fatal' : 'sync-failed', { message: e.message }));
      outcome = 'syncFailed';
    } finally {
      syncing = null;
      changed();
      if (location.hash === '' || location.hash === '#/') await homeScreen();
    }
    // Counted once the screen shows the outcome (what the browser tests wait for).
    document.body.dataset[outcome] = String(Number(document.body.dataset[outcome] ?? 0) + 1);
  })();
  return syncing;
}

function listScreen(collection) {
  const all = held.byCollection[collection]
    .map((v) => ({ v, text: label(v, held.names) }))
    .sort((a, b) => (FACTS.includes(collection) ? b.text.localeCompare(a.text) : a.text.localeCompare(b.text)));
  let shown = 100;
  const list = el('ul', { class: 'records', id: 'records' });
  const count = el('p', { class: 'note', id: 'shown' });
  const more = el('button', { type: 'button', class: 'secondary', id: 'more', onclick: () => { shown += 200; render(); } }, t('more'));
  const search = el('input', { type: 'search', id: 'search', placeholder: t('search'), 'aria-label': t('search'), oninput: () => { shown = 100; render(); } });
  function render() {
    const q = search.value.trim().toLowerCase();
    const matches = q === '' ? all : all.filter((r) => r.text.toLowerCase().includes(q));
    list.replaceChildren(...matches.slice(0, shown).map(({ v, text }) => el('li', {},
      el('a', { href: `#/record/${collection}/${v.id}`, 'data-record': v.id }, text,
        v.void ? el('span', { class: 'badge void' }, t('is-void')) : null,
        v.conflicts.length > 0 ? el('span', { class: 'badge conflict' }, t('has-conflict')) : null,
        v.unsent ? el('span', { class: 'badge' }, t('unsent')) : null))));
    count.textContent = all.length === 0 ? t('none-yet') : t('shown', { shown: number(Math.min(shown, matches.length)), total: number(matches.length) });
    more.hidden = matches.length <= shown;
  }
  render();
  show(
    el('h1', {}, t(`c-${collection}`)),
    el('a', { href: `#/new/${collection}`, class: 'button primary', id: 'new' }, t(`new-${collection}`)),
    search, count, list, more,
    el('a', { href: '#/', class: 'button secondary' }, t('nav-home')),
  );
}

/** One flag in words: its kind, state, the record it names, and the officers' notes. */
function flagItem(flag, withRecord) {
  // A kind a later registry defines reads by its name.
  const kind = has(`fk-${flag.kind}`) ? t(`fk-${flag.kind}`) : flag.kind;
  const named = flag.records.find((r) => r.collection && find(r.collection, r.record));
  const events = flag.events.map((e) => el('li', { 'data-event': e.event },
    t(e.by ? 'flag-event-by' : 'flag-event-at', { at: e.at.replace(/\+\d+$/, ''), event: t(`flag-event-${e.event}`), by: e.by ?? '' }),
    e.note ? el('q', {}, e.note) : null));
  return el('li', { class: `flag ${flag.state}`, 'data-flag': flag.id, 'data-kind': flag.kind, 'data-state': flag.state },
    el('strong', {}, kind), ' ', el('span', { class: 'badge' }, t(`flag-state-${flag.state}`)),
    withRecord && named ? el('a', { href: `#/record/${named.collection}/${named.record}`, class: 'flag-record' },
      t('titled', { what: t(`one-${named.collection}`), name: label(find(named.collection, named.record), held.names) })) : null,
    el('ul', { class: 'events' }, events));
}

function flagsScreen() {
  show(
    el('h1', {}, t('flags-title')),
    held.flags.length === 0 ? el('p', {}, t('flags-none')) : el('ul', { class: 'flags', id: 'flags' }, held.flags.map((f) => flagItem(f, true))),
    el('a', { href: '#/', class: 'button secondary' }, t('nav-home')),
  );
}

function find(collection, id) {
  return held.byCollection[collection].find((v) => v.id === id);
}

async function recordScreen(collection, id, note = '') {
  const v = find(collection, id);
  if (!v) {
    location.hash = `#/list/${collection}`;
    return;
  }
  // A registry record's fields in the order of its form; a fact's in its body's.
  const fields = FACTS.includes(collection)
    ? Object.entries(v.body ?? {})
    : FIELDS_OF[collection].filter((f) => Object.hasOwn(v.fields, f)).map((f) => [f, v.fields[f]]);
  const rows = fields.map(([f, value]) => el('div', { class: 'field', 'data-field': f }, el('dt', {}, t(`f-${f}`)), el('dd', {}, describe(f, value, held.names))));
  const flags = held.flags.filter((f) => f.records.some((r) => r.record === id));
  const photos = await photosSection(collection, id);
  const conflicts = v.conflicts.map((c) => el('li', { 'data-conflict': c.field }, t('conflict-line', {
    field: t(`f-${c.field}`),
    winner: describe(c.field, content(c.winner.value), held.names),
    loser: c.losers.map((l) => describe(c.field, content(l.value), held.names)).join(' / '),
  })));
  show(
    el('h1', {}, t('titled', { what: t(`one-${collection}`), name: label(v, held.names) })),
    note ? el('p', { class: 'saved', role: 'status', id: 'saved' }, note) : null,
    v.unsent ? el('p', { class: 'badge' }, t('unsent')) : null,
    v.void ? el('p', { class: 'error', id: 'void' }, t('voided', { reason: v.void })) : null,
    v.filed ? el('p', { class: 'note' }, t('titled', { what: t('f-region'), name: regionName(v.filed) })) : null,
    el('dl', { class: 'fields' }, rows),
    conflicts.length > 0 ? el('section', { id: 'conflicts' }, el('h2', {}, t('conflicts-title')), el('ul', {}, conflicts)) : null,
    photos,
    flags.length > 0 ? el('section', { id: 'record-flags' }, el('h2', {}, t('flags-title')), el('ul', { class: 'flags' }, flags.map((f) => flagItem(f, false)))) : null,
    el('div', { class: 'actions' },
      v.void ? null : el('a', { href: `#/edit/${collection}/${id}`, class: 'button primary', id: 'edit' }, t(FACTS.includes(collection) ? 'correct' : 'edit')),
      v.void ? null : el('a', { href: `#/void/${collection}/${id}`, class: 'button secondary', id: 'void-record' }, t('void-action')),
      el('a', { href: `#/list/${collection}`, class: 'button secondary' }, t(`c-${collection}`))),
  );
}

/** A record's photos (thumbnails) and a button per kind of photo it may have. */
async function photosSection(collection, id) {
  const kinds = PHOTO_KINDS[collection] ?? [];
  if (kinds.length === 0) return null;
  // A person the registry erased is photographed no more (the registry would drop it).
  const erased = collection === 'miner' && Object.hasOwn(find(collection, id)?.fields.names ?? {}, 'erased');
  if (erased) return null;
  const photos = await photosOf(id);
  const status = el('p', { class: 'note', role: 'status' });
  const take = kinds.map((kind) => {
    const input = el('input', {
      type: 'file', accept: 'image/*', capture: 'environment', 'data-photo': kind, class: 'hidden-file',
      onchange: async () => {
        const file = input.files[0];
        if (!file) return;
        status.textContent = t('photo-working');
        try {
          await addPhoto(collection, id, kind, file);
          await recordScreen(collection, id, t('photo-kept'));
        } catch (e) {
          status.textContent = t('photo-failed', { message: e.message });
        }
      },
    });
    return el('label', { class: 'button secondary' }, t(`photo-take-${kind}`), input);
  });
  return el('section', { id: 'photos' },
    el('h2', {}, t('photos-title')),
    el('div', { class: 'thumbs' }, photos.map((p) => el('figure', { 'data-digest': p.digest, 'data-kind': p.kind, 'data-complete': String(p.complete) },
      el('img', { src: URL.createObjectURL(new Blob([p.thumb], { type: 'image/jpeg' })), alt: t(`photo-kind-${p.kind}`) }),
      el('figcaption', {}, t(`photo-kind-${p.kind}`), p.complete ? null : el('span', { class: 'badge' }, t('unsent')))))),
    take, status);
}

/** Where a new record is filed: a region the phone serves, as PROTOCOL.md asks. */
function regionOf(collection, values) {
  const served = held.served;
  const via = (refCollection, id) => {
    const r = id && find(refCollection, id);
    return r ? regionForEdit({ filed: r.filed, state: r.state }, served) : null;
  };
  let region = null;
  if (collection === 'miner') region = served.has(values.home_region) ? values.home_region : null;
  if (collection === 'licence') region = values.region;
  if (collection === 'production') region = via('licence', values.licence);
  if (collection === 'sale') region = via('licence', values.buyer) ?? via('licence', values.seller?.licence);
  if (collection === 'export') region = via('licence', values.exporter);
  return region ?? device.regions[0];
}

function formScreen(collection, id) {
  const isNew = id === undefined;
  const seen = isNew ? null : find(collection, id);
  if (!isNew && !seen) {
    location.hash = `#/list/${collection}`;
    return;
  }
  let initial = {};
  if (seen) initial = FACTS.includes(collection) ? { ...seen.body } : { ...seen.fields };
  // A value the phone cannot open (sealed elsewhere, erased) is not put in the form.
  const hidden = Object.keys(initial).filter((k) => initial[k] && typeof initial[k] === 'object' && (Object.hasOwn(initial[k], 'sealed') || Object.hasOwn(initial[k], 'erased')));
  for (const k of hidden) delete initial[k];
  const form = buildForm(collection, initial, formContext(), isNew);
  const error = el('p', { class: 'error', id: 'form-error', role: 'alert' });
  const submit = async (e) => {
    e.preventDefault();
    let values;
    try {
      values = form.read();
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      error.textContent = err.message;
      return;
    }
    for (const k of hidden) if (values[k] === null) delete values[k];
    const recordId = isNew ? newRecordId() : id;
    const region = isNew ? regionOf(collection, values) : regionForEdit({ filed: seen.filed, state: seen.state }, held.served);
    if (region === null) {
      error.textContent = t('not-served');
      return;
    }
    delete values.region;
    let sets;
    if (FACTS.includes(collection)) sets = factSets(seen, values);
    else if (isNew) sets = registrationSets(collection, collection === 'miner' ? { ...values, registered_on: today(), registered_by: device.agent } : values);
    else sets = editSets(seen, values);
    if (sets.length === 0) {
      error.textContent = t('no-change');
      return;
    }
    try {
      await record(device, collection, recordId, region, sets);
    } catch (err) {
      // The phone's storage refused (full, or taken by another tab): nothing was kept.
      error.textContent = t('not-kept', { message: err.message });
      return;
    }
    changed();
    await load();
    await recordScreen(collection, recordId, t('saved'));
    history.replaceState(null, '', `#/record/${collection}/${recordId}`);
  };
  show(
    el('h1', {}, isNew ? t(`new-${collection}`) : t('titled', { what: t(FACTS.includes(collection) ? 'correct' : 'edit'), name: label(seen, held.names) })),
    el('form', { id: 'record-form', 'data-collection': collection, onsubmit: submit, novalidate: true },
      form.nodes,
      error,
      el('button', { type: 'submit', class: 'primary', id: 'save' }, t('save'))),
    el('a', { href: isNew ? `#/list/${collection}` : `#/record/${collection}/${id}`, class: 'button secondary' }, t('cancel')),
  );
}

function voidScreen(collection, id) {
  const seen = find(collection, id);
  if (!seen) {
    location.hash = `#/list/${collection}`;
    return;
  }
  const reason = el('textarea', { name: 'reason', id: 'reason', rows: '3' });
  const error = el('p', { class: 'error', role: 'alert' });
  const submit = async (e) => {
    e.preventDefault();
    const text = reason.value.trim();
    if (text === '' || [...text].length > 500) {
      error.textContent = t('void-reason-needed');
      return;
    }
    const region = regionForEdit({ filed: seen.filed, state: seen.state }, held.served);
    try {
      await record(device, collection, id, region ?? device.regions[0], voidSets(seen, text));
    } catch (err) {
      error.textContent = t('not-kept', { message: err.message });
      return;
    }
    changed();
    await load();
    await recordScreen(collection, id, t('saved'));
    history.replaceState(null, '', `#/record/${collection}/${id}`);
  };
  show(
    el('h1', {}, t('titled', { what: t('void-action'), name: label(seen, held.names) })),
    el('form', { id: 'void-form', onsubmit: submit },
      el('label', {}, t('void-reason'), reason), error,
      el('button', { type: 'submit', class: 'primary', id: 'confirm-void' }, t('void-action'))),
    el('a', { href: `#/record/${collection}/${id}`, class: 'button secondary' }, t('cancel')),
  );
}

/** Shows the screen the address names. */
async function route() {
  languages();
  onlineBadge();
  if (!device) {
    enrolScreen();
    return;
  }
  await load();
  const [, screen, collection, id] = location.hash.split('/');
  if (screen === 'flags') return flagsScreen();
  if (!COLLECTIONS.includes(collection)) return homeScreen();
  if (screen === 'list') return listScreen(collection);
  if (screen === 'new') return formScreen(collection);
  if (screen === 'record' && id) return recordScreen(collection, id);
  if (screen === 'edit' && id) return formScreen(collection, id);
  if (screen === 'void' && id) return voidScreen(collection, id);
  return homeScreen();
}

async function start() {
  device = (await loadDevice()) ?? null;
  if (device && codeFromLink()) history.replaceState(null, '', location.pathname);
  await route();
  keepShell();
  // A phone that opens with a network fetches what changed.
  if (device && navigator.onLine) runSync();
}

/**
 * Registers the service worker once the first screen is up: its install fetches the whole
 * shell, which on a 2G link must not compete with the modules the screen needs.
 */
let shellKept = false;
function keepShell() {
  if (shellKept || !('serviceWorker' in navigator)) return;
  shellKept = true;
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register('sw.js', { type: 'module', scope: '/field/' });
  // A new version's worker takes over at once, but this page still runs the old modules:
  // the agent reloads when it suits (never in the middle of a form by itself).
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadWorker) return;
    document.getElementById('update').replaceChildren(
      el('span', {}, t('update-ready')),
      el('button', { type: 'button', class: 'secondary', onclick: () => location.reload() }, t('update-reload')),
    );
    document.getElementById('update').hidden = false;
  });
}
window.addEventListener('hashchange', () => (device || !codeFromLink() ? route() : enrolScreen()));
window.addEventListener('online', () => {
  onlineBadge();
  if (device) runSync();
});
window.addEventListener('offline', onlineBadge);
start();
