/**
 * @file Small DOM helpers shared by the screens: building elements, replacing the screen,
 * and reading a position from the phone's GPS.
 */

/** An element with attributes (`on*` functions become listeners) and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return e;
}

/** Replaces the screen with `nodes` and brings its top into view. */
export function show(...nodes) {
  const screen = document.getElementById('screen');
  screen.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined));
  window.scrollTo(0, 0);
}

/**
 * The phone's position, as a `GeoFix` (accuracy rounded up to whole metres, at least 1).
 * @returns {Promise<{point: {lon: number, lat: number}, accuracy: number}>}
 */
export function position() {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('no-gps'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({
        point: { lon: p.coords.longitude, lat: p.coords.latitude },
        accuracy: Math.min(100_000, Math.max(1, Math.ceil(p.coords.accuracy))),
      }),
      (e) => reject(new Error(e.message || 'no fix')),
      { enableHighAccuracy: true, timeout: 60_000, maximumAge: 10_000 },
    );
  });
}

/** Today's date on the phone, `YYYY-MM-DD` (the agent's local day). */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
