/**
 * @file The field app's screens: enrolment with a one-time code (typed, or from the QR
 * code's link `…/field/#code=CODE`), then the home screen of the enrolled agent. The
 * device key is made here with WebCrypto Ed25519, not extractable, and kept in IndexedDB.
 */
import { generateDeviceKey } from './protocol/index.js';
import { loadDevice, saveDevice } from './db.js';
import { LANGUAGES, choose, language, t } from './i18n.js';

const screen = document.getElementById('screen');

/** Replaces the screen with `nodes`. */
function show(...nodes) {
  screen.replaceChildren(...nodes);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function languages(again) {
  const box = document.getElementById('languages');
  box.replaceChildren(...LANGUAGES.map((l) => {
    const b = el('button', { type: 'button', 'data-lang': l }, l.toUpperCase());
    if (l === language()) b.setAttribute('aria-current', 'true');
    b.addEventListener('click', () => { choose(l); again(); });
    return b;
  }));
  document.documentElement.lang = language();
}

/** Whether this browser makes Ed25519 keys (recent Chromium does; old WebViews do not). */
async function hasEd25519() {
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

function codeFromLink() {
  const m = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : '';
}

function enrolScreen(message = '') {
  const input = el('input', { name: 'code', id: 'code', autocomplete: 'off', required: '', value: codeFromLink() });
  const error = el('p', { class: 'error', id: 'error', role: 'alert' }, message);
  const form = el('form', { id: 'enrol' },
    el('label', {}, t('enrol-code'), input),
    el('button', { type: 'submit', class: 'primary' }, t('enrol-submit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    enrol(input.value.trim(), error);
  });
  show(el('h1', {}, t('enrol-title')), el('p', { class: 'note' }, t('enrol-note')), form, error);
}

async function enrol(code, error) {
  error.textContent = t('enrol-working');
  if (!(await hasEd25519())) {
    error.textContent = t('no-ed25519');
    return;
  }
  const key = await generateDeviceKey();
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
  await saveDevice({
    device: body.device,
    agent: body.agent,
    regions: body.regions,
    serverTime: body.server_time,
    privateKey: key.privateKey,
    publicKey: key.publicKey,
  });
  history.replaceState(null, '', location.pathname);
  await // A code's link opened while the app is open (another QR code) fills the form again.
window.addEventListener('hashchange', () => start());
start();
}

function homeScreen(device) {
  show(
    el('h1', {}, t('home-title')),
    el('p', { id: 'agent' }, t('home-agent', { agent: device.agent })),
    el('p', { id: 'regions' }, t('home-regions', { regions: device.regions.length })),
    el('p', {
      class: 'note',
      id: 'device',
      'data-device': device.device,
      'data-public-key': device.publicKey,
      // The private key as IndexedDB gave it back: still not extractable.
      'data-extractable': String(device.privateKey.extractable),
    }, t('home-device', { device: device.device })),
  );
}

async function start() {
  languages(start);
  const device = await loadDevice();
  if (device) homeScreen(device);
  else enrolScreen();
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { type: 'module', scope: '/field/' });
}
// A code's link opened while the app is open (another QR code) fills the form again.
window.addEventListener('hashchange', () => start());
start();
